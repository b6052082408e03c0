package dev.incidentbot.analysis.cause;

import dev.incidentbot.analysis.changepoint.Halves;
import dev.incidentbot.analysis.changepoint.LatencyBins;
import dev.incidentbot.analysis.changepoint.TimeBuckets;
import dev.incidentbot.analysis.input.Columns;
import dev.incidentbot.analysis.input.Values;

/**
 * The culprit's own time buckets, for its onset: one pass over the group's rows on the whole log's grid that also
 * keeps each bucket's first request and three earliest bad ones, so the onset needs no scan of its own.
 */
public final class GroupBuckets {
    private GroupBuckets() {
    }

    /** The pass over one group's rows (see GroupRows), on the whole log's grid; cls must be classified. */
    static TimeBuckets of(Columns c, LatencyBins bins, byte[] cls, GroupRows g, long min, long max) {
        bins.fill(c);
        int parts = Halves.parts(c.n());
        TimeBuckets[] tb = new TimeBuckets[parts];
        for (int p = 0; p < parts; p++) {
            tb[p] = new TimeBuckets(TimeBuckets.grid(min, max), bins.slots, true);
        }
        byte[] mask = g.in;
        Halves.run(c.n(), (p, from, to) -> pass(c, bins.bin, cls, g.key, g.match, mask, tb[p], from, to));
        for (int p = 1; p < parts; p++) {
            tb[0].add(tb[p]);
        }
        return tb[0];
    }

    /**
     * Rows [from, to) of a group into the part's buckets, with each bucket's first request and three earliest bad
     * ones: the rows not excluded whose mask entry, or else whose combination (key) in match, is 1.
     */
    public static void pass(Columns c, char[] bin, byte[] cls, int[] key, byte[] match, byte[] mask,
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
                TimeBuckets.earliest(early, 3 * i, t);
            }
        }
    }
}
