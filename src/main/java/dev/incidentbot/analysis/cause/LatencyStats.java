package dev.incidentbot.analysis.cause;

import dev.incidentbot.analysis.changepoint.LatencySummary;

/**
 * A latency distribution in milliseconds, for the report.
 *
 * @param count requests with a latency
 * @param exact true when computed from every value (small groups), false when from the histogram
 */
public record LatencyStats(long count, double min, double p50, double p95, double p99, double max, double mean,
                           boolean exact) {

    public static LatencyStats of(LatencySummary s) {
        if (s == null || s.count() == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0, true);
        }
        return new LatencyStats(s.count(), ms(s.min()), ms(s.percentile(0.50)), ms(s.percentile(0.95)),
                ms(s.percentile(0.99)), ms(s.max()), s.mean() / 1000.0, s.exact());
    }

    private static double ms(int micros) {
        return micros / 1000.0;
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
