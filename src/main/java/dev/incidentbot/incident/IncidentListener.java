package dev.incidentbot.incident;

/**
 * Domain events of the incident lifecycle, called after each change is committed. Slack notifications,
 * reminders and retros each listen; every method has a no-op default so a listener takes only what it needs.
 */
public interface IncidentListener {
    /** A new incident; {@code trigger} is what monitoring saw when it declared, null when a person did. */
    default void declared(Incident incident, Trigger trigger) { }

    default void statusPosted(Incident incident, TimelineEntry update) { }

    default void severityChanged(Incident incident, Severity from, String actor) { }

    default void commanderAssigned(Incident incident, String actor) { }

    default void rootCauseRecorded(Incident incident, String actor) { }

    default void resolved(Incident incident, String actor) { }
}
