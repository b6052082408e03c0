package dev.incidentbot.analysis;

import dev.incidentbot.analysis.input.Values;
import java.util.Arrays;

/**
 * Requests, failures and latency bins per time bucket: over the whole log (see WholeLog, which also fills the
 * rows' latency bins and finds the log's time bounds) or over one group, from one pass in two halves that also
 * keeps each bucket's first request and three earliest bad ones, so the onset needs no scan of its own.
 */
final class TimeBuckets {
    private static final long[] NICE_MS = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
        600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000};

    final long first;
    final long width;
    final int count;
    /** Latency counters per bucket in {@link #lat}: bucket i's bins start at i * stride. */
    final int stride;
    final long[] counts;
    final long[] fails;
    /** Per bucket, requests without a latency (rare): the rest are counted in lat. */
    final long[] untimed;
    final int[] lat;
    /** Group passes only: per bucket its earliest request, and its three earliest bad ones (3 per bucket). */
    final long[] firstAny;
    final long[] early;
    /** Whole-log passes only: the time bounds of all rows. */
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;

    TimeBuckets(long[] grid, int stride, boolean group) {
        first = grid[0];
        width = grid[1];
        count = (int) grid[2];
        this.stride = stride;
        counts = new long[count];
        fails = new long[count];
        untimed = new long[count];
        lat = new int[count * stride];
        firstAny = group ? filled(count) : null;
        early = group ? filled(3 * count) : null;
    }

    /** {first, width, count}: the nicest bucket width giving at most ~300 buckets between min and max. */
    static long[] grid(long min, long max) {
        long span = Math.max(1, max - min);
        long width = NICE_MS[NICE_MS.length - 1];
        for (long w : NICE_MS) {
            if (span / w <= 300) {
                width = w;
                break;
            }
        }
        long first = Math.floorDiv(min, width) * width;
        return new long[] {first, width, (max - first) / width + 1};
    }

    /** The pass over one group's rows (see GroupRows), on the whole log's grid; cls must be classified. */
    static TimeBuckets group(Columns c, LatencyBins bins, byte[] cls, GroupRows g, long min, long max) {
        bins.fill(c);
        int parts = Halves.parts(c.n());
        TimeBuckets[] tb = new TimeBuckets[parts];
        for (int p = 0; p < parts; p++) {
            tb[p] = new TimeBuckets(grid(min, max), bins.slots, true);
        }
        byte[] mask = g.in;
        Halves.run(c.n(), (p, from, to) -> groupPass(c, bins.bin, cls, g.key, g.match, mask, tb[p], from, to));
        for (int p = 1; p < parts; p++) {
            tb[0].add(tb[p]);
        }
        return tb[0];
    }

    /**
     * Rows [from, to) of a group into the part's buckets, with each bucket's first request and three earliest bad
     * ones: the rows not excluded whose mask entry, or else whose combination (key) in match, is 1.
     */
    static void groupPass(Columns c, char[] bin, byte[] cls, int[] key, byte[] match, byte[] mask,
                          TimeBuckets tb, int from, int to) {
        long[] time = c.time();
        int[] latency = c.latency();
        byte[] outcome = c.outcome();
        long[] counts = tb.counts;
        long[] fails = tb.fails;
        long[] untimed = tb.untimed;
        int[] lat = tb.lat;
        long[] firstAny = tb.firstAny;
        long[] early = tb.early;
        long first = tb.first;
        long width = tb.width;
        int stride = tb.stride;
        long lo = 0;
        long hi = 0;
        int i = 0;
        for (int r = from; r < to; r++) {
            int k = cls[r];
            if (k == Contrast.EXCLUDED || (mask != null ? mask[r] : match[key[r]]) == 0) {
                continue;
            }
            long t = time[r];
            if (t < lo || t >= hi) {
                i = (int) ((t - first) / width);
                lo = first + i * width;
                hi = lo + width;
            }
            counts[i]++;
            byte o = outcome[r];
            if (o == Values.ERROR || o == Values.TIMEOUT) {
                fails[i]++;
            }
            if (latency[r] >= 0) {
                lat[i * stride + bin[r]]++;
            } else {
                untimed[i]++;
            }
            if (t < firstAny[i]) {
                firstAny[i] = t;
            }
            if ((k & Contrast.BAD) != 0) {
                earliest(early, 3 * i, t);
            }
        }
    }

    /** Keeps t if it is among the three earliest at three[off .. off + 2] (sorted, duplicates kept). */
    static void earliest(long[] three, int off, long t) {
        if (t < three[off + 2]) {
            if (t < three[off + 1]) {
                three[off + 2] = three[off + 1];
                if (t < three[off]) {
                    three[off + 1] = three[off];
                    three[off] = t;
                } else {
                    three[off + 1] = t;
                }
            } else {
                three[off + 2] = t;
            }
        }
    }

    /** Adds another part's counts (same grid) into this one, in a fixed order so results do not depend on threads. */
    void add(TimeBuckets o) {
        for (int i = 0; i < count; i++) {
            counts[i] += o.counts[i];
            fails[i] += o.fails[i];
            untimed[i] += o.untimed[i];
        }
        ContrastPasses.sum(lat, o.lat);
        if (firstAny != null) {
            for (int i = 0; i < count; i++) {
                firstAny[i] = Math.min(firstAny[i], o.firstAny[i]);
                for (int k = 0; k < 3; k++) {
                    earliest(early, 3 * i, o.early[3 * i + k]);
                }
            }
        }
    }

    /** The p95 of each bucket's latencies, -1 for a bucket without any. */
    int[] p95(int slots) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            long timed = counts[i] - untimed[i];
            out[i] = timed == 0 ? -1 : LatencyBins.percentileFromTop(lat, i * stride, slots, 0.95, timed);
        }
        return out;
    }

    long start(int i) {
        return first + i * width;
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, Long.MAX_VALUE);
        return a;
    }
}
