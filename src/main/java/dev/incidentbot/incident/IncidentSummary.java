package dev.incidentbot.incident;

import java.time.Instant;

/** One line of the incident list: the record without its long texts. */
public record IncidentSummary(String id, String title, Severity severity, IncidentStatus status, String commander,
                              Instant declaredAt, Instant resolvedAt) {
}
