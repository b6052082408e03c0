package dev.incidentbot.analysis.cause;

import java.util.ArrayList;
import java.util.List;

/**
 * The counts Causes searches: every distinct leaf (a value of every dimension) from one pass over the rows, and
 * per combination of dimensions a table of counts per cell, summed from the leaves not yet covered by a cause.
 */
final class CauseTables {
    /**
     * Cells of all tables together at most, 7 longs each (29 MB): a combination of dimensions whose table would
     * pass it is left out, so high-cardinality dimensions cost memory only in the small combinations.
     */
    static final long MAX_CELLS = 1L << 19;
    /** More distinct leaves (combinations of every dimension) than this and no further cause is searched. */
    static final int MAX_LEAVES = 1 << 18;
    /** Leaves times tables at most: the search stays a small part of a 1M-record analysis (bench/ab_cpu.py). */
    static final long MAX_WORK = 1L << 23;
    /**
     * A leaf's baseline rate is its own with this many requests of a prior rate added (the highest baseline rate of
     * its values, or the whole log's): a leaf of a few baseline requests takes the prior (so expected trouble
     * grows with traffic, as on RiskLoc's sets with no baseline failures), while one with thousands keeps its own,
     * so an endpoint that was always slow is expected to be slow inside a cause too (bench/corpus.sh: at 1M
     * records the culprit was refined to "endpoint=/api/export, culprit" by the incident window alone,
     * decoy-*-1000000-s1002018, and inside a new canary version without the prior, canary-*-1000000-s1002018).
     */
    static final double PRIOR_REQUESTS = 100;
    /** Combinations are formed from the first this many dimensions only (2^16 masks to look at). */
    static final int MAX_DIMS = 16;

    final Contrast ct;
    final int nd;
    /** Per leaf its value code in every dimension, [leaf * nd + d]. */
    private int[] leafVals;
    /** Per leaf Contrast's counts, [leaf * K + slot]. */
    private long[] leafCounts;
    /** Per leaf, the slow-or-failed incident requests its own baseline predicts (see PRIOR_REQUESTS). */
    private double[] leafExpected;
    int leaves;
    final List<Table> tables = new ArrayList<>();
    /** Per leaf, whether a cause named so far holds it. */
    private boolean[] covered;

    /** Counts of one combination of dimensions, per cell (one value of each), over the traffic not yet explained. */
    static final class Table {
        final int[] dims;
        final int[] mult;
        final long[] counts;
        /** Per cell, the slow-or-failed incident requests its leaves' baselines predict. */
        final double[] expected;

        Table(int[] dims, int[] mult, int cells) {
            this.dims = dims;
            this.mult = mult;
            this.counts = new long[cells * Contrast.K];
            this.expected = new double[cells];
        }

        /** The value code in each of the table's dimensions of a cell. */
        int[] codes(int cell) {
            int[] codes = new int[dims.length];
            int rem = cell;
            for (int j = dims.length - 1; j >= 0; j--) {
                codes[j] = rem / mult[j];
                rem %= mult[j];
            }
            return codes;
        }

        int cell(int[] vals, int leaf, int nd) {
            int c = 0;
            for (int i = 0; i < dims.length; i++) {
                c += vals[leaf * nd + dims[i]] * mult[i];
            }
            return c;
        }
    }

    private CauseTables(Contrast ct) {
        this.ct = ct;
        this.nd = ct.nd;
    }

    /** The tables of the contrast's rows, or null when the log is too varied for them (MAX_LEAVES). */
    static CauseTables of(Contrast ct) {
        CauseTables t = new CauseTables(ct);
        if (t.nd == 0 || !t.buildLeaves()) {
            return null;
        }
        t.covered = new boolean[t.leaves];
        return t;
    }

    /** Whether dims holds every one of the parent's dimensions. */
    static boolean within(int[] dims, int[] parent) {
        for (int p : parent) {
            boolean found = false;
            for (int d : dims) {
                found |= d == p;
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Whether the table's cell has the parent's value in each of the parent's dimensions. */
    boolean inside(Table t, int cell, int[] pd, int[] pc) {
        int[] codes = t.codes(cell);
        for (int i = 0; i < pd.length; i++) {
            for (int j = 0; j < t.dims.length; j++) {
                if (t.dims[j] == pd[i] && codes[j] != pc[i]) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A group's slow-or-failed incident requests, its incident requests and the slow-or-failed its leaves'
     * baselines predict, {bad, requests, expected}, from the table of exactly its dimensions; null when that
     * table was not built.
     */
    double[] counts(int[] ds, int[] codes) {
        int[] sorted = ds.clone();
        java.util.Arrays.sort(sorted);
        for (Table t : tables) {
            if (java.util.Arrays.equals(t.dims, sorted)) {
                int cell = 0;
                for (int i = 0; i < ds.length; i++) {
                    int j = java.util.Arrays.binarySearch(t.dims, ds[i]);
                    cell += codes[i] * t.mult[j];
                }
                return new double[] {t.counts[cell * Contrast.K + Contrast.BADI],
                    t.counts[cell * Contrast.K + Contrast.NI], t.expected[cell]};
            }
        }
        return null;
    }

    /** One pass over the rows: every distinct combination of all dimension values and its counts. */
    private boolean buildLeaves() {
        int[][] cols = ct.c.dims();
        byte[] cls = ct.cls;
        int n = ct.c.n();
        LongIndex index = new LongIndex(1024);
        long[] mult = new long[nd];
        long m = 1;
        for (int d = 0; d < nd; d++) {
            mult[d] = m;
            long values = Math.max(1, ct.c.dimValues()[d].length);
            if (m > Long.MAX_VALUE / values) {
                return false;
            }
            m *= values;
        }
        leafVals = new int[1024 * nd];
        leafCounts = new long[1024 * Contrast.K];
        for (int r = 0; r < n; r++) {
            int cl = cls[r];
            if (cl == Contrast.EXCLUDED) {
                continue;
            }
            long key = 0;
            for (int d = 0; d < nd; d++) {
                key += cols[d][r] * mult[d];
            }
            int leaf = index.indexOf(key, leaves);
            if (leaf == leaves) {
                if (++leaves > MAX_LEAVES) {
                    return false;
                }
                if (leaves * nd > leafVals.length) {
                    leafVals = java.util.Arrays.copyOf(leafVals, leafVals.length * 2);
                    leafCounts = java.util.Arrays.copyOf(leafCounts, leafCounts.length * 2);
                }
                for (int d = 0; d < nd; d++) {
                    leafVals[leaf * nd + d] = cols[d][r];
                }
            }
            count(leaf, cl);
        }
        // a leaf's prior rate: the highest baseline rate among its values that have a baseline of their own, else
        // the whole log's; so inside a new version the always-slow endpoint is expected to be slow
        double overall = (ct.total[Contrast.BADB] + 0.5) / (ct.total[Contrast.NB] + 1.0);
        double[][] rate = new double[nd][];
        for (int d = 0; d < nd; d++) {
            rate[d] = new double[ct.counts[d].length];
            for (int v = 0; v < rate[d].length; v++) {
                long[] k = ct.counts[d][v];
                rate[d][v] = k[Contrast.NB] >= Contrast.MIN_OWN_THRESHOLD
                        ? (k[Contrast.BADB] + 0.5) / (k[Contrast.NB] + 1.0) : -1;
            }
        }
        leafExpected = new double[leaves];
        for (int leaf = 0; leaf < leaves; leaf++) {
            double prior = -1;
            for (int d = 0; d < nd; d++) {
                prior = Math.max(prior, rate[d][leafVals[leaf * nd + d]]);
            }
            prior = prior < 0 ? overall : prior;
            int o = leaf * Contrast.K;
            leafExpected[leaf] = leafCounts[o + Contrast.NI] * (leafCounts[o + Contrast.BADB] + PRIOR_REQUESTS * prior)
                    / (leafCounts[o + Contrast.NB] + PRIOR_REQUESTS);
        }
        return true;
    }

    /** Adds one request of class cl to the leaf's counts (as ContrastPasses.add, at the leaf's offset). */
    private void count(int leaf, int cl) {
        int o = leaf * Contrast.K;
        boolean inc = (cl & Contrast.INCIDENT) != 0;
        int base = o + (inc ? Contrast.NI : Contrast.NB);
        leafCounts[base]++;
        if ((cl & Contrast.BAD) != 0) {
            leafCounts[base + 1]++;
        }
        if ((cl & Contrast.FAILED) != 0) {
            leafCounts[base + 2]++;
        }
        if (inc && (cl & Contrast.TIMEOUT) != 0) {
            leafCounts[o + Contrast.TOI]++;
        }
    }

    /** Tables for every combination of dimensions, smallest first, while the budget lasts. */
    void buildTables() {
        long work = 0;
        long allCells = 0;
        for (int size = 1; size <= nd; size++) {
            for (int mask = 1; mask < 1 << Math.min(nd, MAX_DIMS); mask++) {
                if (Integer.bitCount(mask) != size) {
                    continue;
                }
                int[] ds = new int[size];
                int[] mu = new int[size];
                long cells = 1;
                int i = 0;
                for (int d = 0; d < nd; d++) {
                    if ((mask & (1 << d)) != 0) {
                        ds[i] = d;
                        mu[i++] = (int) Math.min(Integer.MAX_VALUE, cells);
                        cells *= Math.max(1, ct.c.dimValues()[d].length);
                        if (cells > MAX_CELLS) {
                            break;
                        }
                    }
                }
                if (cells > MAX_CELLS || allCells + cells > MAX_CELLS || work + leaves + cells > MAX_WORK) {
                    continue;
                }
                work += leaves + cells;
                allCells += cells;
                Table t = new Table(ds, mu, (int) cells);
                for (int leaf = 0; leaf < leaves; leaf++) {
                    if (!covered[leaf]) {
                        add(t, t.cell(leafVals, leaf, nd), leaf, 1);
                    }
                }
                tables.add(t);
            }
        }
    }

    private void add(Table t, int cell, int leaf, int sign) {
        long[] counts = t.counts;
        t.expected[cell] += sign * leafExpected[leaf];
        int to = cell * Contrast.K;
        int from = leaf * Contrast.K;
        for (int k = 0; k < Contrast.K; k++) {
            counts[to + k] += sign * leafCounts[from + k];
        }
    }

    /** Marks the leaves of a group covered and takes them out of every table built so far. */
    void cover(int[] ds, int[] codes) {
        for (int leaf = 0; leaf < leaves; leaf++) {
            if (covered[leaf] || !matches(leaf, ds, codes)) {
                continue;
            }
            covered[leaf] = true;
            for (Table t : tables) {
                add(t, t.cell(leafVals, leaf, nd), leaf, -1);
            }
        }
    }

    private boolean matches(int leaf, int[] ds, int[] codes) {
        for (int i = 0; i < ds.length; i++) {
            if (leafVals[leaf * nd + ds[i]] != codes[i]) {
                return false;
            }
        }
        return true;
    }

    /** As counts(), summed over every cell of the table: {bad, requests, expected} of the traffic left. */
    static double[] sum(Table t) {
        double[] s = new double[3];
        for (int cell = 0; cell < t.expected.length; cell++) {
            s[0] += t.counts[cell * Contrast.K + Contrast.BADI];
            s[1] += t.counts[cell * Contrast.K + Contrast.NI];
            s[2] += t.expected[cell];
        }
        return s;
    }
}
