package dev.incidentbot.analysis;

import java.util.List;

/**
 * What the caller may force instead of auto-detection; every component is nullable and null means "detect".
 *
 * @param inputFormat one of json, ndjson, logfmt, csv, tsv, access (nginx/Apache), or null to sniff
 * @param latencyField field holding the request latency
 * @param timeField field holding the timestamp
 * @param outcomeField field holding the status / outcome
 * @param dimensions fields to treat as dimensions (only these)
 */
public record AnalyzeOptions(String inputFormat, String latencyField, String timeField, String outcomeField,
                             List<String> dimensions) {

    public AnalyzeOptions {
        dimensions = dimensions == null || dimensions.isEmpty() ? null : List.copyOf(dimensions);
    }

    /** Everything auto-detected. */
    public static AnalyzeOptions defaults() {
        return new AnalyzeOptions(null, null, null, null, null);
    }
}
