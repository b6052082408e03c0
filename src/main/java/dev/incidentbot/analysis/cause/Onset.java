package dev.incidentbot.analysis.cause;

import dev.incidentbot.analysis.changepoint.ChangePoint;
import dev.incidentbot.analysis.changepoint.TimeBuckets;
import dev.incidentbot.analysis.input.Columns;

/**
 * When the culprit's trouble started: a new group starts with its first request, an existing one at the first bad
 * request of the worse regime of its own time series. For a large log one pass over the group's rows gives both the
 * series and, per bucket, the earliest requests, so finding the onset is a walk over the buckets.
 */
public final class Onset {
    private Onset() {
    }

    /**
     * [onset, time of the third slow-or-failed culprit request (Long.MIN_VALUE when there is none)]; windowStart is
     * the start of the log's worse regime, min and max the log's time bounds.
     */
    public static long[] find(Columns c, Contrast ct, RootCause.Result rc, boolean isNew, long windowStart, long min,
                              long max) {
        GroupRows g = ct.rows(rc.dims(), rc.codes());
        if (c.n() <= ChangePoint.SMALL) {
            byte[] mask = g.mask(ct.cls, c.n());
            long from = isNew ? windowStart : start(ChangePoint.series(c, ct.bins, mask), windowStart);
            return scan(c.time(), ct.cls, mask, isNew, from, windowStart);
        }
        TimeBuckets tb = GroupBuckets.of(c, ct.bins, ct.cls, g, min, max);
        long from = isNew ? windowStart : start(ChangePoint.series(tb, ct.bins.slots), windowStart);
        if (Math.floorMod(from - tb.first, tb.width) != 0) {
            // the buckets answer "since from" only from a bucket's start (the splits always give one)
            return scan(c.time(), ct.cls, g.mask(ct.cls, c.n()), isNew, from, windowStart);
        }
        long firstAny = Long.MAX_VALUE;
        long[] three = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        for (int i = 0; i < tb.count; i++) {
            if (tb.start(i) >= from) {
                firstAny = Math.min(firstAny, tb.firstAny[i]);
                for (int k = 0; k < 3; k++) {
                    TimeBuckets.earliest(three, 0, tb.early[3 * i + k]);
                }
            }
        }
        return result(isNew, firstAny, three, from, windowStart);
    }

    /** The start of the worse regime of the group's own series, or windowStart when it has none. */
    private static long start(ChangePoint.Series own, long windowStart) {
        ChangePoint.Split split = ChangePoint.best(own);
        return split == null ? windowStart : split.start();
    }

    /** The onset from the group's rows since from, one row at a time (small logs; the reference for the buckets). */
    static long[] scan(long[] time, byte[] cls, byte[] group, boolean isNew, long from, long windowStart) {
        long firstAny = Long.MAX_VALUE;
        long[] three = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        for (int r = 0; r < group.length; r++) {
            long t = time[r];
            if (group[r] == 0 || t < from) {
                continue;
            }
            firstAny = Math.min(firstAny, t);
            if ((cls[r] & Contrast.BAD) != 0) {
                TimeBuckets.earliest(three, 0, t);
            }
        }
        return result(isNew, firstAny, three, from, windowStart);
    }

    private static long[] result(boolean isNew, long firstAny, long[] three, long from, long windowStart) {
        long first = three[0];
        long onset = isNew ? firstAny : first != Long.MAX_VALUE ? first : from;
        if (onset == Long.MAX_VALUE) {
            onset = windowStart;
        }
        long third = three[2] != Long.MAX_VALUE ? three[2] : three[0] != Long.MAX_VALUE ? Math.max(three[0],
                three[1] == Long.MAX_VALUE ? three[0] : three[1]) : Long.MIN_VALUE;
        return new long[] {onset, third};
    }
}
