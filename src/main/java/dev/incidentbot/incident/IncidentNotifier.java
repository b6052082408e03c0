package dev.incidentbot.incident;

/**
 * The port through which the domain tells people about incidents, inside each change's transaction; the slack
 * package implements it.
 * The domain never imports Slack: it says what happened, the notifier decides how it looks.
 */
public interface IncidentNotifier extends IncidentTxListener {

    /**
     * A free-form note in the incident's thread (e.g. "alert X joined", "all alerts resolved"), written in
     * {@code handle}'s transaction beside the change it reports.
     */
    void noteInThread(org.jdbi.v3.core.Handle handle, Incident incident, String text);
}
