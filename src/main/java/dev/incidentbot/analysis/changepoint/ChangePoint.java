package dev.incidentbot.analysis.changepoint;

import dev.incidentbot.analysis.input.Columns;
import dev.incidentbot.analysis.input.Values;
import java.util.Arrays;

/**
 * Finds when things got worse: the split of the time series (per-bucket p95 latency and failure rate) that
 * maximises the upward shift, scored as a two-sample t statistic; small logs use one bucket per timestamp.
 */
public final class ChangePoint {
    /**
     * Up to this many rows, each distinct timestamp is its own bucket, so the split lands on a record (SeedLogTest
     * starts at the first v1.3 request; ChangePointTest, CorpusTest *-1000).
     */
    public static final int SMALL = 2000;

    /**
     * The split found.
     *
     * @param start first instant (epoch ms) of the worse regime
     * @param end end (exclusive) of the worse regime, Long.MAX_VALUE when it lasts to the end of the log
     * @param score the t-like score of the split (latency plus failure rate)
     * @param bucketMs bucket width used, 0 when one bucket per timestamp
     * @param buckets number of buckets
     */
    public record Split(long start, long end, double score, long bucketMs, int buckets) {
    }

    /** Per-bucket series; also reused to measure a single group's onset. */
    public record Series(long[] starts, double[] logP95, double[] failRate, long[] counts, long bucketMs) {
    }

    private ChangePoint() {
    }

    /**
     * The whole log's series, with its time bounds and every row's latency bin: one pass over the rows for a large
     * log, or none when the parse did it (see WholeLog), which needs no pass of its own for the bounds.
     */
    public record Whole(Series series, LatencyBins bins, long min, long max) {
    }

    public static Whole whole(Columns c) {
        LatencyBins bins = WholeLog.bins(c);
        if (c.n() > SMALL) {
            TimeBuckets tb = WholeLog.buckets(c, bins);
            return new Whole(series(tb, bins.slots), bins, tb.min, tb.max);
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int r = 0; r < c.n(); r++) {
            min = Math.min(min, c.time()[r]);
            max = Math.max(max, c.time()[r]);
        }
        bins.fill(c);
        return new Whole(series(c, bins, null), bins, min, max);
    }

    /** The series of a large log's (or group's) buckets, see TimeBuckets. */
    public static Series series(TimeBuckets tb, int slots) {
        long[] starts = new long[tb.count];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = tb.start(i);
        }
        return nonEmpty(starts, tb.counts, tb.fails, tb.p95(slots), tb.width);
    }

    /**
     * The series of a small log (at most SMALL rows), one bucket per distinct timestamp, of the rows marked 1 in
     * rows (null for all rows); the bins must be filled.
     */
    public static Series series(Columns c, LatencyBins bins, byte[] rows) {
        int n = 0;
        for (int r = 0; r < c.n(); r++) {
            if (rows == null || rows[r] != 0) {
                n++;
            }
        }
        long[] ts = new long[n];
        int j = 0;
        for (int r = 0; r < c.n(); r++) {
            if (rows == null || rows[r] != 0) {
                ts[j++] = c.time()[r];
            }
        }
        Arrays.sort(ts);
        int distinct = 0;
        for (int k = 0; k < ts.length; k++) {
            if (k == 0 || ts[k] != ts[k - 1]) {
                ts[distinct++] = ts[k];
            }
        }
        long[] starts = Arrays.copyOf(ts, distinct);
        int b = starts.length;
        long[] counts = new long[b];
        long[] fails = new long[b];
        int[] p95 = new int[b];
        long[] time = c.time();
        int[] latency = c.latency();
        byte[] outcome = c.outcome();
        LatencySummary[] lat = new LatencySummary[b];
        for (int i = 0; i < b; i++) {
            lat[i] = new LatencySummary();
        }
        for (int r = 0; r < c.n(); r++) {
            if (rows == null || rows[r] != 0) {
                int i = Arrays.binarySearch(starts, time[r]);
                counts[i]++;
                lat[i].add(latency[r]);
                fails[i] += outcome[r] == Values.ERROR || outcome[r] == Values.TIMEOUT ? 1 : 0;
            }
        }
        for (int i = 0; i < b; i++) {
            p95[i] = lat[i].percentile(0.95);
        }
        return nonEmpty(starts, counts, fails, p95, 0);
    }

    /** The series of the buckets holding requests: empty ones carry no evidence either way. */
    private static Series nonEmpty(long[] starts, long[] counts, long[] fails, int[] p95, long width) {
        int b = starts.length;
        int k = 0;
        for (int i = 0; i < b; i++) {
            if (counts[i] > 0) {
                k++;
            }
        }
        long[] s = new long[k];
        double[] lp = new double[k];
        double[] fr = new double[k];
        long[] cn = new long[k];
        int j = 0;
        for (int i = 0; i < b; i++) {
            if (counts[i] == 0) {
                continue;
            }
            s[j] = starts[i];
            lp[j] = p95[i] < 0 ? Double.NaN : Math.log(Math.max(1, p95[i]));
            fr[j] = (double) fails[i] / counts[i];
            cn[j] = counts[i];
            j++;
        }
        return new Series(s, lp, fr, cn, width);
    }

    /**
     * Below this score a split of a long series (20+ buckets) is what noise alone produces when the best of
     * many splits is taken (measured on steady synthetic logs: up to about 3 away from the edges; CorpusTest
     * steady-* at 1,000 records and up, DetectionRulesTest.steadyLogIsNoAnomalyNotAGuess).
     */
    static final double MIN_SCORE = 4.0;

    /** The best upward split of the series, or null when there are too few buckets or no convincing split. */
    public static Split best(Series s) {
        int b = s.starts().length;
        if (b < 2) {
            return null;
        }
        // splits at the very edge compare a handful of buckets and win on noise: keep 5% on each side
        int minSeg = b >= 20 ? Math.max(1, b / 20) : 1;
        double best = Double.NEGATIVE_INFINITY;
        int at = -1;
        for (int k = minSeg; k <= b - minSeg; k++) {
            // sd floors: 5% in log latency and 1 point of failure rate, so a flat series is not infinitely
            // surprised by one odd bucket (SeedLogTest: 8 one-request buckets; CorpusTest steady-*)
            double score = Math.max(0, t(s.logP95(), k, 0.05)) + Math.max(0, t(s.failRate(), k, 0.01));
            if (score > best) {
                best = score;
                at = k;
            }
        }
        if (at < 0 || (b >= 20 && best < MIN_SCORE)) {
            return null;
        }
        long end = Long.MAX_VALUE;
        // a second regime: recovery inside the worse one (a downward split as strong as half the rise)
        if (b - at >= 6) {
            double[] lp = Arrays.copyOfRange(s.logP95(), at, b);
            double[] fr = Arrays.copyOfRange(s.failRate(), at, b);
            double down = 0;
            int downAt = -1;
            // the same edge rule as the rise: a "recovery" after the first 2 of 300 requests is one timeout
            // followed by the 80% of traffic the cause never touched (CorpusTest latency_only-*-1000-s2009)
            int minDown = Math.max(2, lp.length / 20);
            for (int k = minDown; k < lp.length - Math.max(1, lp.length / 20); k++) {
                double score = Math.max(0, -t(lp, k, 0.05)) + Math.max(0, -t(fr, k, 0.01));
                if (score > down) {
                    down = score;
                    downAt = k;
                }
            }
            // a recovery is as convincing as a rise (MIN_SCORE) and at least half as strong as this one
            // (DetectionRulesTest.recoveryInsideTheLogBoundsTheIncident, ChangePointTest)
            if (downAt > 0 && down > Math.max(MIN_SCORE, best * 0.5) && backToBefore(s, at, at + downAt)) {
                end = s.starts()[at + downAt];
            }
        }
        return new Split(s.starts()[at], end, best, s.bucketMs(), b);
    }

    /**
     * A recovery returns towards the level before the rise: each series that rose is, after the recovery, below
     * the midpoint of its before and incident means. A dip inside an incident that persists (traffic moved to a
     * slow endpoint for good) is not one (ChangePointTest, CorpusTest mix_shift-*-1000-s2009).
     */
    static boolean backToBefore(Series s, int at, int end) {
        for (double[] x : new double[][] {s.logP95(), s.failRate()}) {
            double before = mean(x, 0, at);
            double during = mean(x, at, end);
            double after = mean(x, end, x.length);
            if (during > before && after > (before + during) / 2) {
                return false;
            }
        }
        return true;
    }

    private static double mean(double[] x, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(x[i])) {
                sum += x[i];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Two-sample t statistic of mean(after) - mean(before) at split k, NaN values ignored, sd floored. */
    public static double t(double[] x, int k, double sdFloor) {
        double sa = 0;
        double sb = 0;
        int na = 0;
        int nb = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                continue;
            }
            if (i < k) {
                sa += x[i];
                na++;
            } else {
                sb += x[i];
                nb++;
            }
        }
        if (na == 0 || nb == 0) {
            return 0;
        }
        double ma = sa / na;
        double mb = sb / nb;
        double ss = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                continue;
            }
            double d = x[i] - (i < k ? ma : mb);
            ss += d * d;
        }
        double sd = Math.max(sdFloor, Math.sqrt(ss / Math.max(1, na + nb - 2)));
        return (mb - ma) / (sd * Math.sqrt(1.0 / na + 1.0 / nb));
    }
}
