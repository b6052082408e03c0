package dev.incidentbot.analysis.changepoint;

import java.util.Arrays;

/**
 * Latency distribution of a group: exact (sorted raw values) up to {@link #EXACT} values, then counts per bin of
 * HdrHistogram's bucket layout with {@link #DIGITS} significant digits (see LatencyBins), which report exactly
 * what an HdrHistogram fed the same values would.
 */
public final class LatencySummary {
    /** Up to this many values percentiles are exact; a small group's report must show the values it holds. */
    public static final int EXACT = 4096;
    /**
     * Two significant digits keep percentiles within 1% (half a bucket, 0.4%, once the bucket middle is
     * reported), well inside what a latency comparison needs, at about 2.5k counters for a 30 s maximum.
     */
    static final int DIGITS = 2;

    private int[] raw = new int[8];
    /**
     * Per bin, the number of values; as long as the largest bin seen (so memory follows the largest latency,
     * logarithmically). Int counts suffice: the reader keeps at most InputReader.ROW_CAP (3M) rows.
     */
    private int[] bins;
    private long count;
    private int min = Integer.MAX_VALUE;
    private int max = -1;
    private double sum;
    private boolean sorted;

    public void add(int micros) {
        if (micros < 0) {
            return;
        }
        count++;
        sum += micros;
        if (micros < min) {
            min = micros;
        }
        if (micros > max) {
            max = micros;
        }
        if (bins == null) {
            int i = (int) count - 1;
            if (i < EXACT) {
                if (i == raw.length) {
                    raw = Arrays.copyOf(raw, Math.min(EXACT, raw.length * 2));
                }
                raw[i] = micros;
                sorted = false;
                return;
            }
            toBins();
        }
        count(LatencyBins.index(micros), 1);
    }

    private void count(int bin, int times) {
        if (bin >= bins.length) {
            bins = Arrays.copyOf(bins, Math.max(bin + 1, 2 * bins.length));
        }
        bins[bin] += times;
    }

    private void toBins() {
        bins = new int[LatencyBins.index(Math.max(0, max)) + 1];
        int n = (int) Math.min(count, EXACT);
        for (int j = 0; j < n && j < raw.length; j++) {
            count(LatencyBins.index(raw[j]), 1);
        }
        raw = null;
    }

    /**
     * A summary from a pass's bin counts (see LatencyGroups): exact values when there are at most EXACT of them
     * (raw holds them, in any order), else the bin counts. The sum is exact: a long, as the double would be.
     */
    public static LatencySummary of(long count, long sum, int min, int max, int[] raw, int[] bins, int off, int slots) {
        LatencySummary s = new LatencySummary();
        if (count == 0) {
            return s;
        }
        s.count = count;
        s.sum = sum;
        s.min = min;
        s.max = max;
        if (count <= EXACT) {
            s.raw = raw.length >= 8 ? raw : Arrays.copyOf(raw, 8);
        } else {
            s.raw = null;
            s.bins = Arrays.copyOfRange(bins, off, off + LatencyBins.index(max) + 1);
        }
        return s;
    }

    /** A new summary holding the values of both (either may be null). */
    public static LatencySummary merge(LatencySummary a, LatencySummary b) {
        LatencySummary m = new LatencySummary();
        m.absorb(a);
        m.absorb(b);
        return m;
    }

    /** Adds the values of another summary (null or empty adds nothing). */
    public void absorb(LatencySummary s) {
        if (s == null || s.count == 0) {
            return;
        }
        if (s.bins == null) {
            for (int i = 0; i < s.count; i++) {
                add(s.raw[i]);
            }
            return;
        }
        if (bins == null) {
            toBins();
        }
        for (int i = s.bins.length - 1; i >= 0; i--) {
            if (s.bins[i] != 0) {
                count(i, s.bins[i]);
            }
        }
        count += s.count;
        sum += s.sum;
        min = Math.min(min, s.min);
        max = Math.max(max, s.max);
    }

    public long count() {
        return count;
    }

    public boolean exact() {
        return bins == null;
    }

    public int min() {
        return count == 0 ? -1 : min;
    }

    public int max() {
        return max;
    }

    public double mean() {
        return count == 0 ? 0 : sum / count;
    }

    /** Nearest-rank percentile in microseconds (exact on small groups), -1 when empty. */
    public int percentile(double q) {
        if (count == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        if (bins == null) {
            if (!sorted) {
                Arrays.sort(raw, 0, (int) count);
                sorted = true;
            }
            return raw[(int) rank - 1];
        }
        if (rank >= count) {
            return max;
        }
        return Math.max(min, Math.min(max, LatencyBins.percentile(bins, 0, bins.length, q)));
    }
}
