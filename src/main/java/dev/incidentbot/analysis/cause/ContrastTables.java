package dev.incidentbot.analysis.cause;

import dev.incidentbot.analysis.changepoint.LatencyBins;
import dev.incidentbot.analysis.changepoint.LatencySummary;
import dev.incidentbot.analysis.input.Columns;

/**
 * The passes behind Contrast, grouping rows either by the combination of all dimension values (ComboTables: one
 * code per row, every per-value figure a sum over combinations, so a group's breakdown needs no pass) or, when
 * there are too many combinations for their tables, by each dimension's own column (DimensionTables).
 */
abstract class ContrastTables {
    final Columns c;
    final LatencyBins bins;
    /** Per row Contrast's class flags, filled by the passes. */
    final byte[] cls;
    final int nd;
    final int n;
    /** Set by {@link #latencies}: every latency of each window. */
    LatencySummary totalBaseline;
    LatencySummary totalIncident;
    /** Set by {@link #classify}: the counts of all rows. */
    final long[] total = new long[Contrast.K];
    /** The last group's rows: RootCause and the onset ask for the same group several times. */
    private GroupRows lastRows;

    ContrastTables(Columns c, LatencyBins bins) {
        bins.fill(c);
        this.c = c;
        this.bins = bins;
        this.nd = c.dims().length;
        this.n = c.n();
        this.cls = new byte[n];
    }

    /** Tables by combination when they are small enough, else by dimension. */
    static ContrastTables of(Columns c, LatencyBins bins) {
        ComboTables combos = ComboTables.of(c, bins);
        return combos != null ? combos : new DimensionTables(c, bins);
    }

    /** Pass 1: marks the windows and returns every value's latencies, [d][code]{baseline, incident}. */
    abstract LatencySummary[][][] latencies(long start, long end);

    /** Pass 2: classifies every request against the thresholds, [d][code] (or global), and returns [d][code][K]. */
    abstract long[][][] classify(int[][] thr, int global);

    /** For the rows of the group, counts per value of every dimension: [d][code][K]. */
    abstract long[][][] breakdown(int[] ds, int[] codes);

    /**
     * A group against the rest.
     *
     * @param counts {rest, group} counts
     * @param latencies rest baseline, rest incident, group baseline, group incident
     */
    record Split(long[][] counts, LatencySummary[] latencies) {
    }

    /** The group's rows and all the others, counted. */
    abstract Split split(int[] ds, int[] codes);

    abstract GroupRows makeRows(int[] ds, int[] codes);

    /** The rows of the group given by dimensions and codes, not excluded ones (the last group's are kept). */
    final GroupRows rows(int[] ds, int[] codes) {
        GroupRows g = lastRows;
        if (g == null || !g.isFor(ds, codes)) {
            g = makeRows(ds, codes);
            lastRows = g;
        }
        return g;
    }

    /** Summaries [code]{baseline, incident} from a list in group order (2 * code + window). */
    static LatencySummary[][] pairs(LatencySummary[] s) {
        LatencySummary[][] out = new LatencySummary[s.length / 2][];
        for (int v = 0; v < out.length; v++) {
            out[v] = new LatencySummary[] {s[2 * v], s[2 * v + 1]};
        }
        return out;
    }

    /** Adds the class counts of one code into total. */
    static void addAll(long[] total, long[][] counts) {
        for (long[] k : counts) {
            for (int i = 0; i < Contrast.K; i++) {
                total[i] += k[i];
            }
        }
    }
}
