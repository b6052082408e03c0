package dev.incidentbot.analysis.changepoint;

import dev.incidentbot.analysis.input.Columns;

/**
 * Every row's latency as the index of its HdrHistogram bucket (2 significant digits), computed once: the passes
 * then count a group's latencies with one array increment per row ({@code counts[bin]++}) and take percentiles
 * from those counts, instead of recording into a histogram for every row and dimension, which is what made the
 * contrast passes slow under C1 (and kept HdrHistogram's own methods warming up in the first, only, run).
 */
public final class LatencyBins {
    /** log2 of half the sub-buckets of a 2-significant-digit histogram (256 sub-buckets, unit 1). */
    private static final int HALF_MAGNITUDE = 7;
    private static final int HALF = 1 << HALF_MAGNITUDE;
    private static final int SUB_MASK = 2 * HALF - 1;

    /** Per row, the bin of its latency (0 when it has none: passes test the latency itself for that). */
    public final char[] bin;
    /** Bins any int latency can take: a pass that meets the latencies as it fills the bins counts into this many. */
    public static final int MAX_SLOTS = 3200;

    /** Bins in use: one more than the bin of the largest latency (known once filled, unless given up front). */
    public int slots;
    /** True once every row's bin is set (by {@link #fill} or by the change point's pass over the whole log). */
    boolean filled;

    private LatencyBins(char[] bin, int slots) {
        this.bin = bin;
        this.slots = slots;
    }

    /** Room for n rows' bins, not yet filled; slots are known once they are. */
    static LatencyBins of(int n) {
        return new LatencyBins(new char[n], 1);
    }

    /**
     * Bins filled by the parse (see WholeLog): marked filled once the fold's parts are summed, which also sets the
     * slots; until then they count as not filled, so a pass that does not use the fold fills them again.
     */
    static LatencyBins of(char[] bin) {
        return new LatencyBins(bin, 1);
    }

    /** Room for n rows' bins, not yet filled; maxLatency bounds every row's latency. */
    public static LatencyBins of(int n, int maxLatency) {
        return new LatencyBins(new char[n], index(Math.max(0, maxLatency)) + 1);
    }

    /** Sets every row's bin, in two halves on two threads for large logs, unless that is done already. */
    public void fill(Columns c) {
        if (!filled) {
            int[] latency = c.latency();
            int[] top = new int[2];
            Halves.run(c.n(), (part, from, to) -> top[part] = fill(latency, bin, from, to));
            filled(Math.max(top[0], top[1]));
        }
    }

    /** Marks the bins set by a pass that met bins up to maxBin. */
    void filled(int maxBin) {
        slots = Math.max(slots, maxBin + 1);
        filled = true;
    }

    /** Fills rows [from, to) and returns the largest bin met. */
    private static int fill(int[] latency, char[] bin, int from, int to) {
        int top = 0;
        for (int r = from; r < to; r++) {
            int l = latency[r];
            int b = l < 0 ? 0 : index(l);
            bin[r] = (char) b;
            if (b > top) {
                top = b;
            }
        }
        return top;
    }

    /**
     * HdrHistogram's counts index for a value (lowest discernible value 1, 2 significant digits): values below
     * 256 are exact, then each power of two is split into 128 equal sub-buckets. At most 3199 for any int.
     */
    public static int index(int value) {
        int bucket = 24 - Integer.numberOfLeadingZeros(value | SUB_MASK);
        return ((bucket + 1) << HALF_MAGNITUDE) + ((value >>> bucket) - HALF);
    }

    /** The lowest value of a bin. */
    static int value(int index) {
        int bucket = (index >> HALF_MAGNITUDE) - 1;
        int sub = (index & (HALF - 1)) + HALF;
        if (bucket < 0) {
            sub -= HALF;
            bucket = 0;
        }
        return sub << bucket;
    }

    /** Values of a bin: a power of two, 1 below 256. */
    static int size(int index) {
        return 1 << Math.max(0, (index >> HALF_MAGNITUDE) - 1);
    }

    /**
     * Nearest-rank percentile of the bin counts[off .. off + len), reported as the middle of its bin and kept
     * within the bins in use; -1 when all are 0. This is, step by step, what HdrHistogram's
     * {@code medianEquivalentValue(getValueAtPercentile(q * 100))} clamped to {@code [getMinValue(),
     * getMaxValue()]} gives (2.2.2, unit 1), so the report matches the histogram the summaries used to feed;
     * StatsTest compares the two on random data.
     */
    public static int percentile(int[] counts, int off, int len, double q) {
        long total = 0;
        int lowest = -1;
        int highest = -1;
        for (int i = 0; i < len; i++) {
            int k = counts[off + i];
            if (k != 0) {
                total += k;
                if (lowest < 0) {
                    lowest = i;
                }
                highest = i;
            }
        }
        if (total == 0) {
            return -1;
        }
        double percentile = q * 100;
        // HdrHistogram takes one ulp off the percentile so that rounding cannot push the rank into the next bin
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0D), 100.0D);
        long rank = Math.max((long) Math.ceil((requested * total) / 100.0), 1);
        long median = 0;
        long seen = 0;
        for (int i = 0; i < len; i++) {
            seen += counts[off + i];
            if (seen >= rank) {
                median = value(i) + (size(i) >> 1);
                break;
            }
        }
        long hi = (long) value(highest) + size(highest) - 1;
        return (int) Math.max(value(lowest), Math.min(hi, median));
    }

    /**
     * {@link #percentile} for a high q when the number of values (total, more than 0) is known: walks down from the
     * top bin, so a p95 reads the top few bins instead of all of them twice (the time series takes one per bucket).
     * The same bin comes out: the lowest bin whose count from the bottom reaches the rank is the highest whose count
     * from the top exceeds total - rank. The clamp to the lowest bin is left out: the bin found holds values, so it
     * is never below it.
     */
    static int percentileFromTop(int[] counts, int off, int len, double q, long total) {
        double percentile = q * 100;
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0D), 100.0D);
        long rank = Math.max((long) Math.ceil((requested * total) / 100.0), 1);
        int highest = -1;
        long above = 0;
        for (int i = len - 1; i >= 0; i--) {
            int k = counts[off + i];
            if (k == 0) {
                continue;
            }
            if (highest < 0) {
                highest = i;
            }
            above += k;
            if (above > total - rank) {
                long median = value(i) + (size(i) >> 1);
                long hi = (long) value(highest) + size(highest) - 1;
                return (int) Math.min(hi, median);
            }
        }
        return -1;
    }
}
