package dev.incidentbot.incident;

/**
 * Domain events of the incident lifecycle, called after each change is committed. Slack notifications,
 * reminders and retros each listen; every method has a no-op default so a listener takes only what it needs.
 */
public interface IncidentListener {
    default void declared(Incident incident) { }

    default void statusPosted(Incident incident, TimelineEntry update) { }

    default void severityChanged(Incident incident, Severity from, String actor) { }

    default void commanderAssigned(Incident incident, String actor) { }

    default void rootCauseRecorded(Incident incident, String actor) { }

    default void resolved(Incident incident, String actor) { }
}
