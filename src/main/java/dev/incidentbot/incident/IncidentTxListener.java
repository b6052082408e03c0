package dev.incidentbot.incident;

import org.jdbi.v3.core.Handle;

/**
 * Hears of each lifecycle change inside its transaction, to write what reports the change (outbox rows for Slack,
 * pages, mail, tickets) in the same commit: the change and its announcement are stored together or not at all.
 * Implementations only write rows through {@code handle}; a failure rolls the whole change back.
 */
public interface IncidentTxListener {
    /** A new incident; {@code trigger} is what monitoring saw when it declared, null when a person did. */
    default void declared(Handle handle, Incident incident, Trigger trigger) { }

    default void statusPosted(Handle handle, Incident incident, TimelineEntry update) { }

    default void severityChanged(Handle handle, Incident incident, Severity from, String actor) { }

    default void commanderAssigned(Handle handle, Incident incident, String actor) { }

    default void rootCauseRecorded(Handle handle, Incident incident, String actor) { }

    default void resolved(Handle handle, Incident incident, String actor) { }
}
