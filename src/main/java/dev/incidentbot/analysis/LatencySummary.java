package dev.incidentbot.analysis;

import java.util.Arrays;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Latency distribution of a group: exact (sorted raw values) up to {@link #EXACT} values, then an HdrHistogram
 * with {@link #DIGITS} significant digits.
 */
public final class LatencySummary {
    /** Up to this many values percentiles are exact; a small group's report must show the values it holds. */
    static final int EXACT = 4096;
    /**
     * Two significant digits keep percentiles within 1% (half a bucket, 0.4%, once the bucket middle is
     * reported), well inside what a latency comparison needs, at about 2.5k counters for a 30 s maximum.
     */
    static final int DIGITS = 2;

    private int[] raw = new int[8];
    private IntCountsHistogram hist;
    private long count;
    private int min = Integer.MAX_VALUE;
    private int max = -1;
    private double sum;
    private boolean sorted;

    /**
     * A histogram sized by what it records (auto-resize from the smallest range), so memory follows the largest
     * latency seen (logarithmically), not a worst case fixed up front. Int counts are enough because the reader
     * keeps at most InputReader.ROW_CAP (3M) rows, and they halve the counters the hot passes touch (measured:
     * long counts made the contrast passes slower than the hand-written bins they replaced).
     */
    static IntCountsHistogram newHistogram() {
        return new IntCountsHistogram(DIGITS);
    }

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
        if (hist == null) {
            int i = (int) count - 1;
            if (i < EXACT) {
                if (i == raw.length) {
                    raw = Arrays.copyOf(raw, Math.min(EXACT, raw.length * 2));
                }
                raw[i] = micros;
                sorted = false;
                return;
            }
            toHistogram();
        }
        hist.recordValue(micros);
    }

    private void toHistogram() {
        hist = newHistogram();
        int n = (int) Math.min(count, EXACT);
        for (int j = 0; j < n && j < raw.length; j++) {
            hist.recordValue(raw[j]);
        }
        raw = null;
    }

    /** A new summary holding the values of both (either may be null). */
    static LatencySummary merge(LatencySummary a, LatencySummary b) {
        LatencySummary m = new LatencySummary();
        m.absorb(a);
        m.absorb(b);
        return m;
    }

    /** Adds the values of another summary (null or empty adds nothing). */
    void absorb(LatencySummary s) {
        if (s == null || s.count == 0) {
            return;
        }
        if (s.hist == null) {
            for (int i = 0; i < s.count; i++) {
                add(s.raw[i]);
            }
            return;
        }
        if (hist == null) {
            toHistogram();
        }
        hist.add(s.hist);
        count += s.count;
        sum += s.sum;
        min = Math.min(min, s.min);
        max = Math.max(max, s.max);
    }

    /**
     * Nearest-rank percentile of a histogram, reported as the middle of its bucket (HdrHistogram itself reports
     * the bucket's top) and kept within [min, max] of the recorded values; -1 when empty.
     */
    static int percentileOf(AbstractHistogram h, double q) {
        if (h.getTotalCount() == 0) {
            return -1;
        }
        long v = h.medianEquivalentValue(h.getValueAtPercentile(q * 100));
        return (int) Math.max(h.getMinValue(), Math.min(h.getMaxValue(), v));
    }

    public long count() {
        return count;
    }

    public boolean exact() {
        return hist == null;
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
        if (hist == null) {
            if (!sorted) {
                Arrays.sort(raw, 0, (int) count);
                sorted = true;
            }
            return raw[(int) rank - 1];
        }
        if (rank >= count) {
            return max;
        }
        return Math.max(min, Math.min(max, percentileOf(hist, q)));
    }
}
