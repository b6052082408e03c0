package dev.incidentbot.analysis.cause;

import dev.incidentbot.analysis.changepoint.Halves;
import dev.incidentbot.analysis.changepoint.LatencyBins;
import dev.incidentbot.analysis.changepoint.LatencySummary;
import dev.incidentbot.analysis.input.Columns;
import java.util.Arrays;

/**
 * Contrast's passes over one code per row, the combination of all its dimension values: pass 1 counts latency
 * bins per combination and window, pass 2 classifies each request against its combination's threshold (the
 * lowest of its values' thresholds, precomputed) and counts classes per combination. Every per-value figure is
 * then a sum over combinations, and a group's breakdown or split a sum over the combinations it holds: no pass.
 * Used while the tables stay small (few dimensions with few values, the usual API log).
 */
final class ComboTables extends ContrastTables {
    /** At most this many latency-bin counters per table (combinations x windows x bins), 8 MB of ints. */
    static final long MAX_CELLS = 1L << 21;

    private final int combos;
    /** Per row, its combination. */
    private final int[] combo;
    /** Per dimension, per combination, the value code. */
    private final int[][] valueOf;
    /** Per dimension, what its code is multiplied by in a combination code. */
    private final int[] mult;
    private LatencyGroups lat;
    private int[] classes;

    private ComboTables(Columns c, LatencyBins bins, int combos) {
        super(c, bins);
        this.combos = combos;
        valueOf = new int[nd][combos];
        mult = new int[nd];
        int m = 1;
        for (int d = 0; d < nd; d++) {
            mult[d] = m;
            int values = c.dimValues()[d].length;
            for (int k = 0; k < combos; k++) {
                valueOf[d][k] = (k / m) % values;
            }
            m *= values;
        }
        combo = new int[n]; // set by the first pass
    }

    /** The tables, or null when the combinations are too many for them. */
    static ComboTables of(Columns c, LatencyBins bins) {
        long combos = 1;
        for (String[] values : c.dimValues()) {
            combos *= Math.max(1, values.length);
            if (combos * 2 * bins.slots > MAX_CELLS) {
                return null;
            }
        }
        return new ComboTables(c, bins, (int) combos);
    }

    @Override
    LatencySummary[][][] latencies(long start, long end) {
        int[] latency = c.latency();
        int parts = Halves.parts(n);
        LatencyGroups[] lg = new LatencyGroups[parts];
        for (int p = 0; p < parts; p++) {
            lg[p] = new LatencyGroups(combos, bins.slots);
        }
        Halves.run(n, (p, from, to) -> {
            lg[p].countCombos(c.dims(), mult, combo, c.time(), start, end, cls, latency, bins.bin, from, to);
        });
        for (int p = 1; p < parts; p++) {
            lg[0].add(lg[p]);
        }
        lat = lg[0];
        LatencySummary[][][] out = new LatencySummary[nd][][];
        for (int d = 0; d < nd; d++) {
            LatencyGroups m = lat.marginal(valueOf[d], c.dimValues()[d].length);
            out[d] = pairs(m.summaries(c.dims()[d], null, null, cls, latency, n));
        }
        if (nd == 0) {
            LatencySummary[] all = lat.summaries(combo, null, null, cls, latency, n);
            totalBaseline = all[0];
            totalIncident = all[1];
        } else {
            totalBaseline = Contrast.total(out[0], 0);
            totalIncident = Contrast.total(out[0], 1);
        }
        return out;
    }

    @Override
    long[][][] classify(int[][] thr, int global) {
        int[] limit = new int[combos];
        for (int k = 0; k < combos; k++) {
            int t = Integer.MAX_VALUE;
            for (int d = 0; d < nd; d++) {
                t = Math.min(t, thr[d][valueOf[d][k]]);
            }
            limit[k] = t == Integer.MAX_VALUE ? global : t;
        }
        int parts = Halves.parts(n);
        int[][] cc = new int[parts][combos * ContrastPasses.CLASSES];
        Halves.run(n, (p, from, to) -> ContrastPasses.classify(combo, limit, c.latency(), c.outcome(), cls, cc[p],
                from, to));
        for (int p = 1; p < parts; p++) {
            Halves.sum(cc[0], cc[p]);
        }
        classes = cc[0];
        long[][][] counts = new long[nd][][];
        for (int d = 0; d < nd; d++) {
            int values = c.dimValues()[d].length;
            counts[d] = ContrastPasses.counts(marginal(classes, valueOf[d], values), values);
        }
        addAll(total, ContrastPasses.counts(marginal(classes, new int[combos], 1), 1));
        return counts;
    }

    @Override
    long[][][] breakdown(int[] ds, int[] codes) {
        byte[] match = matches(ds, codes);
        long[][][] out = new long[nd][][];
        for (int d = 0; d < nd; d++) {
            int[] map = new int[combos];
            for (int k = 0; k < combos; k++) {
                map[k] = match[k] != 0 ? valueOf[d][k] : -1;
            }
            int values = c.dimValues()[d].length;
            out[d] = ContrastPasses.counts(marginal(classes, map, values), values);
        }
        return out;
    }

    @Override
    Split split(int[] ds, int[] codes) {
        byte[] match = matches(ds, codes);
        int[] map = new int[combos];
        for (int k = 0; k < combos; k++) {
            map[k] = match[k];
        }
        return new Split(ContrastPasses.counts(marginal(classes, map, 2), 2),
                lat.marginal(map, 2).summaries(combo, map, null, cls, c.latency(), n));
    }

    @Override
    GroupRows makeRows(int[] ds, int[] codes) {
        return GroupRows.of(combo, matches(ds, codes), ds, codes);
    }

    /** Per combination, 1 when it has every (dimension, code), else 0. */
    private byte[] matches(int[] ds, int[] codes) {
        byte[] match = new byte[combos];
        Arrays.fill(match, (byte) 1);
        for (int i = 0; i < ds.length; i++) {
            for (int k = 0; k < combos; k++) {
                if (valueOf[ds[i]][k] != codes[i]) {
                    match[k] = 0;
                }
            }
        }
        return match;
    }

    /** Class counts per target code, summed over the combinations mapped to it (map -1: left out). */
    private static int[] marginal(int[] classes, int[] map, int targets) {
        int[] out = new int[targets * ContrastPasses.CLASSES];
        for (int k = 0; k < map.length; k++) {
            if (map[k] < 0) {
                continue;
            }
            int from = k * ContrastPasses.CLASSES;
            int to = map[k] * ContrastPasses.CLASSES;
            for (int cl = 0; cl < ContrastPasses.CLASSES; cl++) {
                out[to + cl] += classes[from + cl];
            }
        }
        return out;
    }
}
