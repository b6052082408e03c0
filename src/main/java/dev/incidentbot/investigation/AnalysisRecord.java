package dev.incidentbot.investigation;

import java.time.Instant;

/** One analysis kept with its incident: what was read, what it found (the JSON report) and its chart. */
public record AnalysisRecord(long id, String incidentId, Instant createdAt, String source, String verdict,
                             String headline, String actor, String reportJson, byte[] chartPng) {
}
