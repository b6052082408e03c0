package dev.incidentbot.incident;

/**
 * The port through which the domain tells people about incidents; the slack package implements it.
 * The domain never imports Slack: it says what happened, the notifier decides how it looks.
 */
public interface IncidentNotifier extends IncidentListener {

    /** A free-form note in the incident's thread (e.g. "alert X joined", "all alerts resolved"). */
    void noteInThread(Incident incident, String text);
}
