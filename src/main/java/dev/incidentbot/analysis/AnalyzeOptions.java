package dev.incidentbot.analysis;

import dev.incidentbot.analysis.input.InputOptions;
import java.util.List;

/**
 * What the caller may force instead of auto-detection; every component is nullable and null means "detect".
 *
 * @param inputFormat one of json, ndjson, logfmt, csv, tsv, access (nginx/Apache), or null to sniff
 * @param latencyField field holding the request latency
 * @param timeField field holding the timestamp
 * @param outcomeField field holding the status / outcome
 * @param dimensions fields to treat as dimensions (only these)
 * @param series true to attach the chart's time series to the report (Report.timeline); off by default because
 *     it is a pass over every row that the plain analysis does not need
 */
public record AnalyzeOptions(String inputFormat, String latencyField, String timeField, String outcomeField,
                             List<String> dimensions, boolean series) {

    public AnalyzeOptions {
        dimensions = dimensions == null || dimensions.isEmpty() ? null : List.copyOf(dimensions);
    }

    /** Without the chart's series. */
    public AnalyzeOptions(String inputFormat, String latencyField, String timeField, String outcomeField,
                          List<String> dimensions) {
        this(inputFormat, latencyField, timeField, outcomeField, dimensions, false);
    }

    /** Everything auto-detected. */
    public static AnalyzeOptions defaults() {
        return new AnalyzeOptions(null, null, null, null, null);
    }

    /** The part the reader needs. */
    public InputOptions input() {
        return new InputOptions(inputFormat, latencyField, timeField, outcomeField, dimensions);
    }

    /** These options, asking (or not) for the chart's series. */
    public AnalyzeOptions withSeries(boolean on) {
        return new AnalyzeOptions(inputFormat, latencyField, timeField, outcomeField, dimensions, on);
    }
}
