package dev.incidentbot.analysis;

import java.util.Arrays;

/**
 * Finds when things got worse: the split of the time series (per-bucket p95 latency and failure rate) that
 * maximises the upward shift, scored as a two-sample t statistic; small logs use one bucket per timestamp.
 */
final class ChangePoint {
    /** Up to this many rows, each distinct timestamp is its own bucket, so the split lands on a record. */
    static final int SMALL = 2000;
    private static final long[] NICE_MS = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
        600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000};

    /**
     * The split found.
     *
     * @param start first instant (epoch ms) of the worse regime
     * @param end end (exclusive) of the worse regime, Long.MAX_VALUE when it lasts to the end of the log
     * @param score the t-like score of the split (latency plus failure rate)
     * @param bucketMs bucket width used, 0 when one bucket per timestamp
     * @param buckets number of buckets
     */
    record Split(long start, long end, double score, long bucketMs, int buckets) {
    }

    /** Per-bucket series; also reused to measure a single group's onset. */
    record Series(long[] starts, double[] logP95, double[] failRate, long[] counts, long bucketMs) {
    }

    private ChangePoint() {
    }

    /**
     * The per-bucket series of the rows marked 1 in rows (null for all rows); min and max bound the
     * times of all rows, so large logs need no extra pass and every group's buckets line up with the whole log's.
     * The whole log's pass also fills the rows' latency bins, which saves the contrast a pass of its own.
     */
    static Series series(Columns c, LatencyBins bins, byte[] rows, long min, long max) {
        int n = 0;
        if (c.n() <= SMALL) {
            for (int r = 0; r < c.n(); r++) {
                if (rows == null || rows[r] != 0) {
                    n++;
                }
            }
        } else {
            n = c.n();
        }
        if (n == 0) {
            return new Series(new long[0], new double[0], new double[0], new long[0], 0);
        }
        long width = 0;
        long[] starts;
        if (c.n() <= SMALL) {
            long[] ts = new long[n];
            int i = 0;
            for (int r = 0; r < c.n(); r++) {
                if (rows == null || rows[r] != 0) {
                    ts[i++] = c.time()[r];
                }
            }
            Arrays.sort(ts);
            int distinct = 0;
            for (int k = 0; k < ts.length; k++) {
                if (k == 0 || ts[k] != ts[k - 1]) {
                    ts[distinct++] = ts[k];
                }
            }
            starts = Arrays.copyOf(ts, distinct);
        } else {
            long span = Math.max(1, max - min);
            width = NICE_MS[NICE_MS.length - 1];
            for (long w : NICE_MS) {
                if (span / w <= 300) {
                    width = w;
                    break;
                }
            }
            long first = Math.floorDiv(min, width) * width;
            int count = (int) ((max - first) / width) + 1;
            starts = new long[count];
            for (int i = 0; i < count; i++) {
                starts[i] = first + i * width;
            }
        }
        int b = starts.length;
        long[] counts = new long[b];
        long[] fails = new long[b];
        int[] p95 = new int[b];
        long[] time = c.time();
        if (width == 0) {
            bins.fill(c);
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
                    fails[i] += failed(outcome[r]);
                }
            }
            for (int i = 0; i < b; i++) {
                p95[i] = lat[i].percentile(0.95);
            }
        } else {
            bucketed(c, bins, rows, starts[0], width, counts, fails, p95);
        }
        // drop empty buckets: they carry no evidence either way
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
     * many splits is taken (measured on steady synthetic logs: up to about 3 away from the edges).
     */
    static final double MIN_SCORE = 4.0;

    /** The best upward split of the series, or null when there are too few buckets or no convincing split. */
    static Split best(Series s) {
        int b = s.starts().length;
        if (b < 2) {
            return null;
        }
        // splits at the very edge compare a handful of buckets and win on noise: keep 5% on each side
        int minSeg = b >= 20 ? Math.max(1, b / 20) : 1;
        double best = Double.NEGATIVE_INFINITY;
        int at = -1;
        for (int k = minSeg; k <= b - minSeg; k++) {
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
            for (int k = 2; k < lp.length - 1; k++) {
                double score = Math.max(0, -t(lp, k, 0.05)) + Math.max(0, -t(fr, k, 0.01));
                if (score > down) {
                    down = score;
                    downAt = k;
                }
            }
            if (downAt > 0 && down > Math.max(4, best * 0.5)) {
                end = s.starts()[at + downAt];
            }
        }
        return new Split(s.starts()[at], end, best, s.bucketMs(), b);
    }

    /**
     * Counts, failures and p95 per time bucket of width ms from first, in two halves on two threads for large
     * logs; latencies are counted per bucket and bin, the p95 taken from those counts at the end.
     */
    private static void bucketed(Columns c, LatencyBins bins, byte[] rows, long first, long width, long[] counts,
                                 long[] fails, int[] p95) {
        int b = counts.length;
        int parts = Halves.parts(c.n());
        int slots = bins.slots;
        long[][] cn = new long[parts][];
        long[][] fl = new long[parts][];
        int[][] lat = new int[parts][];
        cn[0] = counts;
        fl[0] = fails;
        for (int p = 0; p < parts; p++) {
            cn[p] = p == 0 ? counts : new long[b];
            fl[p] = p == 0 ? fails : new long[b];
            lat[p] = new int[b * slots];
        }
        boolean fill = rows == null && !bins.filled;
        Halves.run(c.n(), (p, from, to) -> bucketPass(c, bins.bin, fill, slots, rows, first, width, cn[p], fl[p],
                lat[p], from, to));
        bins.filled |= fill;
        for (int p = 1; p < parts; p++) {
            for (int i = 0; i < b; i++) {
                counts[i] += cn[p][i];
                fails[i] += fl[p][i];
            }
            ContrastPasses.sum(lat[0], lat[p]);
        }
        for (int i = 0; i < b; i++) {
            p95[i] = counts[i] == 0 ? -1 : LatencyBins.percentile(lat[0], i * slots, slots, 0.95);
        }
    }

    private static void bucketPass(Columns c, char[] bin, boolean fill, int slots, byte[] rows, long first, long width,
                                   long[] counts, long[] fails, int[] lat, int from, int to) {
        long[] time = c.time();
        int[] latency = c.latency();
        byte[] outcome = c.outcome();
        // logs come (nearly) in time order: the bucket of the previous row usually fits, which saves a division
        long lo = 0;
        long hi = 0;
        int i = 0;
        for (int r = from; r < to; r++) {
            if (rows != null && rows[r] == 0) {
                continue;
            }
            long t = time[r];
            if (t < lo || t >= hi) {
                i = (int) ((t - first) / width);
                lo = first + i * width;
                hi = lo + width;
            }
            counts[i]++;
            fails[i] += failed(outcome[r]);
            int l = latency[r];
            if (l >= 0) {
                int b = fill ? LatencyBins.index(l) : bin[r];
                if (fill) {
                    bin[r] = (char) b;
                }
                lat[i * slots + b]++;
            }
        }
    }

    private static int failed(byte o) {
        return o == dev.incidentbot.analysis.input.Values.ERROR || o == dev.incidentbot.analysis.input.Values.TIMEOUT
                ? 1 : 0;
    }

    /** Two-sample t statistic of mean(after) - mean(before) at split k, NaN values ignored, sd floored. */
    static double t(double[] x, int k, double sdFloor) {
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
