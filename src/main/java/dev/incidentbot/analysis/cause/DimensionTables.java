package dev.incidentbot.analysis.cause;

import dev.incidentbot.analysis.changepoint.Halves;
import dev.incidentbot.analysis.changepoint.LatencyBins;
import dev.incidentbot.analysis.changepoint.LatencySummary;
import dev.incidentbot.analysis.input.Columns;

/**
 * Contrast's passes one dimension column at a time, for logs with too many value combinations for ComboTables:
 * each pass runs a loop per dimension, and a group's breakdown or split takes a pass of its own.
 */
final class DimensionTables extends ContrastTables {
    DimensionTables(Columns c, LatencyBins bins) {
        super(c, bins);
        if (nd == 0) {
            throw new IllegalArgumentException("no dimensions: ComboTables handles a single combination");
        }
    }

    @Override
    LatencySummary[][][] latencies(long start, long end) {
        int[][] dims = c.dims();
        int[] latency = c.latency();
        int parts = Halves.parts(n);
        LatencyGroups[][] lg = new LatencyGroups[parts][nd];
        for (int p = 0; p < parts; p++) {
            for (int d = 0; d < nd; d++) {
                lg[p][d] = new LatencyGroups(c.dimValues()[d].length, bins.slots);
            }
        }
        Halves.run(n, (p, from, to) -> {
            ContrastPasses.windows(c.time(), cls, start, end, from, to);
            for (int d = 0; d < nd; d++) {
                lg[p][d].count(dims[d], cls, latency, bins.bin, from, to);
            }
        });
        LatencySummary[][][] lat = new LatencySummary[nd][][];
        for (int d = 0; d < nd; d++) {
            for (int p = 1; p < parts; p++) {
                lg[0][d].add(lg[p][d]);
            }
            lat[d] = pairs(lg[0][d].summaries(dims[d], null, null, cls, latency, n));
        }
        totalBaseline = Contrast.total(lat[0], 0);
        totalIncident = Contrast.total(lat[0], 1);
        return lat;
    }

    @Override
    long[][][] classify(int[][] thr, int global) {
        int[][] dims = c.dims();
        int[] latency = c.latency();
        int parts = Halves.parts(n);
        int[][][] cc = classCounts(parts);
        Halves.run(n, (p, from, to) -> {
            for (int d = 0; d < nd; d++) {
                ContrastPasses.slow(dims[d], thr[d], latency, cls, from, to);
            }
            ContrastPasses.finish(latency, c.outcome(), cls, global, from, to);
            for (int d = 0; d < nd; d++) {
                ContrastPasses.classes(dims[d], cls, cc[p][d], from, to);
            }
        });
        long[][][] counts = new long[nd][][];
        for (int d = 0; d < nd; d++) {
            for (int p = 1; p < parts; p++) {
                Halves.sum(cc[0][d], cc[p][d]);
            }
            counts[d] = ContrastPasses.counts(cc[0][d], c.dimValues()[d].length);
        }
        // every row has exactly one value per dimension: the first dimension's counts add up to the totals
        addAll(total, counts[0]);
        return counts;
    }

    @Override
    long[][][] breakdown(int[] ds, int[] codes) {
        int[][] dims = c.dims();
        byte[] group = rows(ds, codes).in;
        int parts = Halves.parts(n);
        int[][][] cc = classCounts(parts);
        Halves.run(n, (p, from, to) -> {
            for (int d = 0; d < nd; d++) {
                ContrastPasses.classes(group, dims[d], cls, cc[p][d], from, to);
            }
        });
        long[][][] out = new long[nd][][];
        for (int d = 0; d < nd; d++) {
            for (int p = 1; p < parts; p++) {
                Halves.sum(cc[0][d], cc[p][d]);
            }
            out[d] = ContrastPasses.counts(cc[0][d], c.dimValues()[d].length);
        }
        return out;
    }

    @Override
    Split split(int[] ds, int[] codes) {
        byte[] group = rows(ds, codes).in;
        int[] latency = c.latency();
        int parts = Halves.parts(n);
        LatencyGroups[] lg = new LatencyGroups[parts];
        int[][] cc = new int[parts][2 * ContrastPasses.CLASSES];
        for (int p = 0; p < parts; p++) {
            lg[p] = new LatencyGroups(2, bins.slots);
        }
        Halves.run(n, (p, from, to) -> {
            lg[p].count(group, cls, latency, bins.bin, from, to);
            ContrastPasses.classes(group, cls, cc[p], from, to);
        });
        for (int p = 1; p < parts; p++) {
            lg[0].add(lg[p]);
            Halves.sum(cc[0], cc[p]);
        }
        return new Split(ContrastPasses.counts(cc[0], 2), lg[0].summaries(null, null, group, cls, latency, n));
    }

    @Override
    GroupRows makeRows(int[] ds, int[] codes) {
        return GroupRows.of(c.dims(), cls, n, ds, codes);
    }

    /** Per part of the rows (its own, so the halves never share a counter) and dimension: class counts per value. */
    private int[][][] classCounts(int parts) {
        int[][][] cc = new int[parts][nd][];
        for (int p = 0; p < parts; p++) {
            for (int d = 0; d < nd; d++) {
                cc[p][d] = new int[c.dimValues()[d].length * ContrastPasses.CLASSES];
            }
        }
        return cc;
    }
}
