package dev.incidentbot.analysis.report;

import java.time.Instant;
import java.util.List;

/**
 * The time series behind the analysis chart: per UTC time bucket over the whole log, requests, failures and p95
 * latency of the culprit's rows and of everything else (or of all rows when there is no culprit), with the onset.
 *
 * @param from start of the first bucket
 * @param bucketSeconds width of every bucket
 * @param onset when the culprit's trouble started (the report's startedAt), null when no culprit
 * @param culprit the culprit's rows, null when no culprit
 * @param rest every other row, null when no culprit
 * @param overall every row
 */
public record Timeline(Instant from, long bucketSeconds, Instant onset, Series culprit, Series rest,
                       Series overall) {

    /** Label of the rows outside the culprit. */
    public static final String REST_LABEL = "everything else";
    /** Label of all rows together. */
    public static final String OVERALL_LABEL = "all requests";

    public Timeline {
        if (overall == null || (culprit == null) != (rest == null)) {
            throw new IllegalArgumentException("a timeline has all rows, and the culprit with the rest or neither");
        }
    }

    public boolean hasCulprit() {
        return culprit != null;
    }

    /**
     * One line of the chart.
     *
     * @param label what the rows are, e.g. "version=2.4.1" (text from the log: only ever drawn or escaped)
     * @param points one per bucket, in time order, empty buckets included
     */
    public record Series(String label, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /**
     * One bucket of one series; requests and failed count records (rows times the input's sampling stride).
     *
     * @param start the bucket's first instant
     * @param requests records in the bucket
     * @param failed records whose outcome is an error or a timeout
     * @param p95Ms nearest-rank p95 of the latencies (exact up to 4,096 values, else within 1%), NaN when none
     */
    public record Point(Instant start, long requests, long failed, double p95Ms) {
        /** failed / requests, NaN for an empty bucket (drawn as a gap, not as 0). */
        public double failureRate() {
            return requests == 0 ? Double.NaN : (double) failed / requests;
        }
    }
}
