package dev.incidentbot.alert;

import java.time.Instant;

/** One alert of an incident as the incident page lists it (no labels or annotations, which can be large). */
public record AlertSummary(String source, String name, String status, String severity, Instant startsAt, Instant resolvedAt) {
}
