package dev.incidentbot.analysis;

import java.util.Arrays;

/**
 * Latency distribution of a group: exact (sorted raw values) up to a few thousand values, then a log-linear
 * histogram with about 3% relative error (DDSketch-like bins read straight from the float bits).
 */
public final class LatencySummary {
    static final int EXACT = 4096;
    private static final int BASE = 127 << 5;
    static final int BINS = 34 << 5;

    private int[] raw = new int[8];
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
            bins = new int[BINS];
            for (int j = 0; j < EXACT; j++) {
                bins[bin(raw[j])]++;
            }
            raw = null;
        }
        bins[bin(micros)]++;
    }

    /** A new summary holding the values of both (either may be null). */
    static LatencySummary merge(LatencySummary a, LatencySummary b) {
        LatencySummary m = new LatencySummary();
        for (LatencySummary s : new LatencySummary[] {a, b}) {
            if (s == null || s.count == 0) {
                continue;
            }
            if (s.bins == null) {
                for (int i = 0; i < s.count; i++) {
                    m.add(s.raw[i]);
                }
                continue;
            }
            if (m.bins == null) {
                m.bins = new int[BINS];
                for (int i = 0; i < m.count; i++) {
                    m.bins[bin(m.raw[i])]++;
                }
                m.raw = null;
            }
            for (int i = 0; i < BINS; i++) {
                m.bins[i] += s.bins[i];
            }
            m.count += s.count;
            m.sum += s.sum;
            m.min = Math.min(m.min, s.min);
            m.max = Math.max(m.max, s.max);
        }
        return m;
    }

    static int bin(int micros) {
        if (micros < 1) {
            return 0;
        }
        return (Float.floatToRawIntBits(micros) >>> 18) - BASE + 1;
    }

    /** Nearest-rank percentile of a histogram slice [off, off + BINS) holding count values; -1 when empty. */
    static int percentileOf(int[] hist, int off, long count, double q) {
        if (count == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int b = 0; b < BINS; b++) {
            seen += hist[off + b];
            if (seen >= rank) {
                return value(b);
            }
        }
        return value(BINS - 1);
    }

    private static int value(int bin) {
        if (bin == 0) {
            return 0;
        }
        int bits = ((bin - 1 + BASE) << 18) | (1 << 17);
        return Math.round(Float.intBitsToFloat(bits));
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
        long seen = 0;
        for (int b = 0; b < BINS; b++) {
            seen += bins[b];
            if (seen >= rank) {
                return Math.max(min, Math.min(max, value(b)));
            }
        }
        return max;
    }
}
