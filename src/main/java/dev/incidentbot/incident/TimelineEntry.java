package dev.incidentbot.incident;

import java.time.Instant;

/** One timestamped event of an incident: who did what, when (UTC). */
public record TimelineEntry(long id, String incidentId, Instant at, TimelineKind kind, String actor, String text) {
}
