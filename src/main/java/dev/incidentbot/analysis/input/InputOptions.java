package dev.incidentbot.analysis.input;

import java.util.List;

/**
 * What the caller may force on the reader instead of auto-detection (the reading part of AnalyzeOptions); every
 * component is nullable and null means "detect".
 *
 * @param inputFormat one of json, ndjson, logfmt, csv, tsv, access (nginx/Apache), or null to sniff
 * @param latencyField field holding the request latency
 * @param timeField field holding the timestamp
 * @param outcomeField field holding the status / outcome
 * @param dimensions fields to treat as dimensions (only these), or null
 */
public record InputOptions(String inputFormat, String latencyField, String timeField, String outcomeField,
                           List<String> dimensions) {
    /** Everything auto-detected. */
    public static final InputOptions DETECT = new InputOptions(null, null, null, null, null);
}
