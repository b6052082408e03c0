package dev.incidentbot.logsource;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;

/**
 * One place the bot may read logs from (a file glob, Loki, Elasticsearch), as named in {@code LOG_SOURCES}.
 *
 * <p>A source writes the records of a time window to a stream as lines the analyzer reads: files as they are
 * (any format the analyzer knows), log stores as NDJSON, one record a line. It never holds the window in memory.
 */
public interface LogSource {

    /** The spec this source was built from: name, type, match, lookback and its own settings. */
    SourceSpec spec();

    default String name() {
        return spec().name();
    }

    default Duration lookback() {
        return spec().lookback();
    }

    /** Whether an incident with these alert labels should be analysed from this source (all of {@code match} fit). */
    default boolean matches(Map<String, String> labels) {
        return spec().matches(labels);
    }

    /**
     * Writes the records of {@code window} to {@code out}, at most {@code limits.maxRecords()} records and
     * {@code limits.maxBytes()} bytes; {@code labels} fill the query's {@code ${label}} placeholders (escaped for
     * the store's query language).
     *
     * @throws LogSourceException with a short reason for people (refused, timed out, HTTP 403, nothing in the window)
     */
    Fetched fetch(Window window, Map<String, String> labels, Limits limits, OutputStream out) throws LogSourceException;
}
