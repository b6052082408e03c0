package dev.incidentbot.incident;

/** What kind of event a timeline entry records; the postmortem and the timeline view group by it. */
public enum TimelineKind {
    DECLARED, STATUS, SEVERITY, COMMANDER, ANALYSIS, ALERT, REMINDER, ESCALATION, RESOLVED, RETRO, NOTE
}
