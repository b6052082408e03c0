package dev.incidentbot.analysis.changepoint;

import java.util.Arrays;

/**
 * Requests, failures and latency bins per time bucket: over the whole log (see WholeLog, which also fills the
 * rows' latency bins and finds the log's time bounds) or over one group (see cause.GroupBuckets, whose pass also
 * keeps each bucket's first request and three earliest bad ones, so the onset needs no scan of its own).
 */
public final class TimeBuckets {
    private static final long[] NICE_MS = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
        600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000};

    public final long first;
    public final long width;
    public final int count;
    /** Latency counters per bucket in {@link #lat}: bucket i's bins start at i * stride. */
    public final int stride;
    public final long[] counts;
    public final long[] fails;
    /** Per bucket, requests without a latency (rare): the rest are counted in lat. */
    public final long[] untimed;
    public final int[] lat;
    /** Group passes only: per bucket its earliest request, and its three earliest bad ones (3 per bucket). */
    public final long[] firstAny;
    public final long[] early;
    /** Whole-log passes only: the time bounds of all rows. */
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;

    public TimeBuckets(long[] grid, int stride, boolean group) {
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
    public static long[] grid(long min, long max) {
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

    /** Keeps t if it is among the three earliest at three[off .. off + 2] (sorted, duplicates kept). */
    public static void earliest(long[] three, int off, long t) {
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
    public void add(TimeBuckets o) {
        for (int i = 0; i < count; i++) {
            counts[i] += o.counts[i];
            fails[i] += o.fails[i];
            untimed[i] += o.untimed[i];
        }
        Halves.sum(lat, o.lat);
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

    public long start(int i) {
        return first + i * width;
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, Long.MAX_VALUE);
        return a;
    }
}
