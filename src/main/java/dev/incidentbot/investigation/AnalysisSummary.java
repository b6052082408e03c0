package dev.incidentbot.investigation;

import java.time.Instant;

/** One kept analysis without its report and chart bytes: what the incident page lists. */
public record AnalysisSummary(long id, Instant createdAt, String source, String verdict, String headline, String actor,
                              boolean hasChart) {
}
