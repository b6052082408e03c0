package dev.incidentbot.analysis.changepoint;

import dev.incidentbot.analysis.input.Columns;
import dev.incidentbot.analysis.input.RowFold;
import dev.incidentbot.analysis.input.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The change point's pass over the whole log (bucket series, time bounds, every row's latency bin): folded into
 * a parallel parse, each parse thread adding every chunk it has read while the chunk's columns are in cache, or
 * else a pass of its own over the parsed columns. The parse sees it as its RowFold port (input imports no later
 * stage).
 *
 * <p>Both need a bucket grid before the rows are seen: it comes from time bounds guessed from a few rows (the
 * parse: the file's first and last records; the pass: a sample of rows, first and last included) and is checked
 * against the bounds found, with a second pass over the columns when the guess was wrong.
 */
public final class WholeLog implements RowFold {
    /** Above this many latency counters (buckets x bins) the bounds are learnt before counting, see pass(). */
    private static final long MAX_GUESSED_CELLS = 1L << 21;
    /** Rows read to guess the log's time bounds before a pass of its own. */
    private static final int SAMPLE = 4096;

    /**
     * Rows per call of the pass from the parse: called once per chunk, its loop ran in C1's profiled tier for the
     * whole parse (see JsonReader.knownRecords); in calls of 128 rows it gets replaced (fold CPU 46 -> 33 ms).
     */
    private static final int SLICE = 128;

    private final long[] grid;
    private final List<Part> parts = new ArrayList<>();
    /** The rows' bins in the columns' order, once the parse has handed every row's over (see binned). */
    private char[] bin;

    private WholeLog(long[] grid) {
        this.grid = grid;
    }

    /** A fold for a log whose times probably lie in [lo, hi]; null when its grid would take too many counters. */
    public static WholeLog guess(long lo, long hi) {
        long[] g = TimeBuckets.grid(lo, hi);
        return g[2] * LatencyBins.MAX_SLOTS > MAX_GUESSED_CELLS ? null : new WholeLog(g);
    }

    @Override
    public synchronized Part part() {
        Part p = new Part(new TimeBuckets(grid, LatencyBins.MAX_SLOTS, false));
        parts.add(p);
        return p;
    }

    @Override
    public void binned(char[] bin) {
        this.bin = bin;
    }

    /** One parse thread's buckets, its found {min time, max time, largest bin}. */
    public static final class Part implements RowFold.Part {
        private final TimeBuckets tb;
        private final long[] found = {Long.MAX_VALUE, Long.MIN_VALUE, 0};

        private Part(TimeBuckets tb) {
            this.tb = tb;
        }

        @Override
        public void add(long[] time, int[] latency, byte[] outcome, char[] bin, int n) {
            for (int from = 0; from < n; from += SLICE) {
                pass(time, latency, outcome, bin, true, tb, found, from, Math.min(n, from + SLICE));
            }
        }
    }

    /**
     * The whole log's buckets, filling bins: from the parse's fold when it has one (a second pass over the columns
     * when its grid was wrong), else from a pass of its own.
     */
    static TimeBuckets buckets(Columns c, LatencyBins bins) {
        WholeLog w = c.whole() instanceof WholeLog f ? f : null;
        if (w == null || w.bin == null || bins.bin != w.bin) {
            return pass(c, bins);
        }
        TimeBuckets tb = parts(w.parts.toArray(new Part[0]), bins);
        return Arrays.equals(w.grid, TimeBuckets.grid(tb.min, tb.max)) ? tb
                : run(c, bins, TimeBuckets.grid(tb.min, tb.max));
    }

    /** The latency bins to use for c: those the parse filled, or room for a pass to fill. */
    static LatencyBins bins(Columns c) {
        WholeLog w = c.whole() instanceof WholeLog f ? f : null;
        return w != null && w.bin != null ? LatencyBins.of(w.bin) : LatencyBins.of(c.n());
    }

    /**
     * The pass of its own: its grid comes from bounds guessed on a sample of rows (first and last included, exact
     * for a log in time order); a wrong guess costs a second pass, and saves a pass for the bounds when right.
     */
    private static TimeBuckets pass(Columns c, LatencyBins bins) {
        long[] time = c.time();
        int n = c.n();
        long lo = Math.min(time[0], time[n - 1]);
        long hi = Math.max(time[0], time[n - 1]);
        for (int r = 0; r < n; r += Math.max(1, n / SAMPLE)) {
            lo = Math.min(lo, time[r]);
            hi = Math.max(hi, time[r]);
        }
        long[] guess = TimeBuckets.grid(lo, hi);
        if (guess[2] * LatencyBins.MAX_SLOTS > MAX_GUESSED_CELLS) {
            // a long log with few rows per bucket: learn the bounds and bins first, keep the counters small
            bins.fill(c);
            for (int r = 0; r < n; r++) {
                lo = Math.min(lo, time[r]);
                hi = Math.max(hi, time[r]);
            }
            guess = TimeBuckets.grid(lo, hi);
        }
        TimeBuckets tb = run(c, bins, guess);
        if (!Arrays.equals(guess, TimeBuckets.grid(tb.min, tb.max))) {
            tb = run(c, bins, TimeBuckets.grid(tb.min, tb.max));
        }
        return tb;
    }

    private static TimeBuckets run(Columns c, LatencyBins bins, long[] grid) {
        boolean fill = !bins.filled;
        int stride = fill ? LatencyBins.MAX_SLOTS : bins.slots;
        Part[] parts = new Part[Halves.parts(c.n())];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = new Part(new TimeBuckets(grid, stride, false));
        }
        Halves.run(c.n(), (p, from, to) -> pass(c.time(), c.latency(), c.outcome(), bins.bin, fill, parts[p].tb,
                parts[p].found, from, to));
        return parts(parts, fill ? bins : null);
    }

    /** The parts summed in a fixed order (integer counts: the result does not depend on which thread did what). */
    private static TimeBuckets parts(Part[] parts, LatencyBins fill) {
        TimeBuckets tb = parts[0].tb;
        long maxBin = 0;
        for (int p = 0; p < parts.length; p++) {
            if (p > 0) {
                tb.add(parts[p].tb);
            }
            tb.min = Math.min(tb.min, parts[p].found[0]);
            tb.max = Math.max(tb.max, parts[p].found[1]);
            maxBin = Math.max(maxBin, parts[p].found[2]);
        }
        if (fill != null) {
            fill.filled((int) maxBin);
        }
        return tb;
    }

    /**
     * Rows [from, to) into the part's buckets (filling their bins unless that is done) and its found {min time,
     * max time, largest bin}; rows outside the grid are left out (the pass is then run again on the right grid).
     * A loop of its own: HotSpot compiles a loop for its first long run, and a method called again later runs in
     * the slower profiled tier, so one method per pass is faster than sharing.
     */
    private static void pass(long[] time, int[] latency, byte[] outcome, char[] bin, boolean fill, TimeBuckets tb,
                             long[] found, int from, int to) {
        long[] counts = tb.counts;
        long[] fails = tb.fails;
        long[] untimed = tb.untimed;
        int[] lat = tb.lat;
        long first = tb.first;
        long width = tb.width;
        long span = width * tb.count;
        int stride = tb.stride;
        long mn = found[0];
        long mx = found[1];
        int top = (int) found[2];
        // logs come (nearly) in time order: the bucket of the previous row usually fits, which saves a division
        long lo = 0;
        long hi = 0;
        int i = 0;
        for (int r = from; r < to; r++) {
            long t = time[r];
            if (t < mn) {
                mn = t;
            }
            if (t > mx) {
                mx = t;
            }
            int l = latency[r];
            int b;
            if (fill) {
                b = l < 0 ? 0 : LatencyBins.index(l);
                bin[r] = (char) b;
                if (b > top) {
                    top = b;
                }
            } else {
                b = bin[r];
            }
            if (t < lo || t >= hi) {
                if (t < first || t - first >= span) {
                    continue;
                }
                i = (int) ((t - first) / width);
                lo = first + i * width;
                hi = lo + width;
            }
            counts[i]++;
            byte o = outcome[r];
            if (o == Values.ERROR || o == Values.TIMEOUT) {
                fails[i]++;
            }
            if (l >= 0) {
                lat[i * stride + b]++;
            } else {
                untimed[i]++;
            }
        }
        found[0] = mn;
        found[1] = mx;
        found[2] = top;
    }
}
