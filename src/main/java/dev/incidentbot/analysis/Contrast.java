package dev.incidentbot.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline versus incident window for every dimension value: each request is "slow" when above the baseline p95
 * of its own groups (so an always-slow endpoint stays at its usual rate), "bad" when slow or failed, and each
 * group's incident bad count is compared with its own baseline rate.
 */
final class Contrast {
    static final int INCIDENT = 1;
    static final int BAD = 2;
    static final int FAILED = 4;
    static final int TIMEOUT = 8;
    static final int EXCLUDED = 16;
    /** Fewer baseline requests than this and a group is compared with all other traffic instead. */
    static final int MIN_OWN_BASELINE = 5;
    /**
     * A group needs this many baseline latencies before its own p95 is trusted as its slow threshold: the p95 of
     * a few dozen values is low by chance often enough to make a healthy group look worse afterwards.
     */
    static final int MIN_OWN_THRESHOLD = 100;
    /** Slow means clearly above the usual p95, not just above it, so sampling noise in the p95 is not trouble. */
    static final double MARGIN = 1.2;

    final Columns c;
    final LatencyBins bins;
    final byte[] cls;
    final int nd;
    final long[][][] counts; // [d][code][K]
    final LatencySummary[][][] lat; // [d][code][0 baseline, 1 incident]
    final long[] total = new long[K];
    final LatencySummary totalBaseline;
    final LatencySummary totalIncident;
    final double globalThresholdMs;
    /** The last group's rows: RootCause and the onset ask for the same group several times. */
    private GroupRows lastRows;

    // count slots
    static final int NB = 0;
    static final int BADB = 1;
    static final int FAILB = 2;
    static final int NI = 3;
    static final int BADI = 4;
    static final int FAILI = 5;
    static final int TOI = 6;
    static final int K = 7;

    /**
     * Two passes over the rows, each in two halves on two threads for large logs: the first sorts rows into the
     * windows and counts every group's latencies (the incident ones do not depend on the thresholds), the second
     * classifies each request against the baseline thresholds and counts classes per group.
     */
    Contrast(Columns c, LatencyBins bins, long start, long end) {
        this.c = c;
        this.bins = bins;
        this.nd = c.dims().length;
        int n = c.n();
        cls = new byte[n];
        int[][] dims = c.dims();
        int[] latency = c.latency();
        int parts = Halves.parts(n);
        // without dimensions, one group (code 0 of an all-zero mask) holds every row
        byte[] none = nd == 0 ? new byte[n] : null;
        LatencyGroups[][] lg = new LatencyGroups[parts][Math.max(1, nd)];
        for (int p = 0; p < parts; p++) {
            for (int d = 0; d < lg[p].length; d++) {
                lg[p][d] = new LatencyGroups(nd == 0 ? 1 : c.dimValues()[d].length, bins.slots);
            }
        }
        Halves.run(n, (p, from, to) -> {
            ContrastPasses.windows(c.time(), cls, start, end, from, to);
            if (nd == 0) {
                lg[p][0].count(none, cls, latency, bins.bin, from, to);
            }
            for (int d = 0; d < nd; d++) {
                lg[p][d].count(dims[d], cls, latency, bins.bin, from, to);
            }
        });
        lat = new LatencySummary[nd][][];
        LatencySummary[] whole = null;
        for (int d = 0; d < lg[0].length; d++) {
            for (int p = 1; p < parts; p++) {
                lg[0][d].add(lg[p][d]);
            }
            LatencySummary[] s = lg[0][d].summaries(nd == 0 ? null : dims[d], none, cls, latency, n);
            if (nd == 0) {
                whole = s;
                break;
            }
            lat[d] = new LatencySummary[s.length / 2][];
            for (int v = 0; v < lat[d].length; v++) {
                lat[d][v] = new LatencySummary[] {s[2 * v], s[2 * v + 1]};
            }
        }
        totalBaseline = nd == 0 ? whole[0] : total(lat[0], 0);
        totalIncident = nd == 0 ? whole[1] : total(lat[0], 1);
        int global = totalBaseline.count() == 0 ? Integer.MAX_VALUE
                : (int) Math.min(Integer.MAX_VALUE - 1, Math.round(totalBaseline.percentile(0.95) * MARGIN));
        globalThresholdMs = global == Integer.MAX_VALUE ? 0 : global / 1000.0;
        int[][] thr = new int[nd][];
        for (int d = 0; d < nd; d++) {
            thr[d] = new int[lat[d].length];
            for (int v = 0; v < thr[d].length; v++) {
                LatencySummary s = lat[d][v][0];
                thr[d][v] = s.count() >= MIN_OWN_THRESHOLD
                        ? (int) Math.min(Integer.MAX_VALUE - 1, Math.round(s.percentile(0.95) * MARGIN))
                        : Integer.MAX_VALUE;
            }
        }
        int[][][] cc = new int[parts][Math.max(1, nd)][];
        for (int p = 0; p < parts; p++) {
            for (int d = 0; d < cc[p].length; d++) {
                cc[p][d] = new int[(nd == 0 ? 1 : lat[d].length) * ContrastPasses.CLASSES];
            }
        }
        Halves.run(n, (p, from, to) -> {
            for (int d = 0; d < nd; d++) {
                ContrastPasses.slow(dims[d], thr[d], latency, cls, from, to);
            }
            ContrastPasses.finish(latency, c.outcome(), cls, global, from, to);
            if (nd == 0) {
                ContrastPasses.classes(none, cls, cc[p][0], from, to);
            }
            for (int d = 0; d < nd; d++) {
                ContrastPasses.classes(dims[d], cls, cc[p][d], from, to);
            }
        });
        for (int p = 1; p < parts; p++) {
            for (int d = 0; d < cc[0].length; d++) {
                ContrastPasses.sum(cc[0][d], cc[p][d]);
            }
        }
        counts = new long[nd][][];
        for (int d = 0; d < nd; d++) {
            counts[d] = ContrastPasses.counts(cc[0][d], lat[d].length);
        }
        // every row has exactly one value per dimension: the first dimension's counts add up to the totals
        for (long[] k : nd == 0 ? ContrastPasses.counts(cc[0][0], 1) : counts[0]) {
            for (int i = 0; i < K; i++) {
                total[i] += k[i];
            }
        }
    }

    /**
     * All values of one window: every row has exactly one value (or "(none)") in each dimension, so the first
     * dimension's groups together hold every latency, and the passes need not record each one twice.
     */
    private static LatencySummary total(LatencySummary[][] perValue, int window) {
        LatencySummary t = new LatencySummary();
        for (LatencySummary[] v : perValue) {
            t.absorb(v[window]);
        }
        return t;
    }

    double baselineBadRate() {
        return total[NB] == 0 ? 0 : (double) total[BADB] / total[NB];
    }

    /** Slow-or-failed incident requests beyond the baseline rate: the trouble to be explained (at least 1). */
    double totalExcess() {
        return Math.max(1, total[BADI] - total[NI] * baselineBadRate());
    }

    /** Every single dimension value present in the incident window, scored (adjusted p not yet set). */
    List<GroupStats> singles() {
        List<GroupStats> out = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            for (int v = 0; v < counts[d].length; v++) {
                long[] k = counts[d][v];
                if (k[NI] == 0) {
                    continue;
                }
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put(c.dimNames().get(d), c.dimValues()[d][v]);
                out.add(score(attrs, k, lat[d][v][0], lat[d][v][1]));
            }
        }
        return out;
    }

    /** Scores one group from its counts, against its own baseline or, when that is too small, the rest. */
    GroupStats score(Map<String, String> attrs, long[] k, LatencySummary base, LatencySummary inc) {
        boolean isNew = k[NB] == 0;
        long refBad;
        long refN;
        String reference;
        if (k[NB] >= MIN_OWN_BASELINE) {
            refBad = k[BADB];
            refN = k[NB];
            reference = "own baseline";
        } else {
            refBad = total[BADB] + total[BADI] - k[BADB] - k[BADI];
            refN = total[NB] + total[NI] - k[NB] - k[NI];
            reference = "all other traffic";
        }
        double refRate = refN == 0 ? baselineBadRate() : (double) refBad / refN;
        double excess = k[BADI] - k[NI] * refRate;
        double p = refN == 0 ? 1 : Stats.pGreater(k[BADI], k[NI], refBad, refN);
        double incRate = total[NI] == 0 ? 0 : (double) total[BADI] / total[NI];
        double rate = (double) k[BADI] / k[NI];
        double lift = incRate == 0 ? 0 : rate / incRate;
        int s = c.stride();
        return new GroupStats(attrs, isNew, k[NB] * s, k[BADB] * s, k[FAILB] * s, k[NI] * s, k[BADI] * s,
                k[FAILI] * s, k[TOI] * s, LatencyStats.of(base), LatencyStats.of(inc),
                base == null && inc == null ? LatencyStats.of(null) : LatencyStats.of(LatencySummary.merge(base, inc)),
                reference, refRate,
                excess * s, excess / totalExcess(), lift, p, p, false);
    }

    /** The rows of the group given by dimensions and codes, not excluded ones (the last group's are kept). */
    GroupRows rows(int[] ds, int[] codes) {
        GroupRows g = lastRows;
        if (g == null || !g.isFor(ds, codes)) {
            g = GroupRows.of(c.dims(), cls, c.n(), ds, codes);
            lastRows = g;
        }
        return g;
    }

    /** The matching rows and all the others (the unaffected rest), scored in one pass: {group, rest}. */
    GroupStats[] split(int[] ds, int[] codes, Map<String, String> attrs, Map<String, String> restAttrs) {
        if (ds.length == 1) {
            return splitOne(ds[0], codes[0], attrs, restAttrs);
        }
        byte[] group = rows(ds, codes).in;
        int[] latency = c.latency();
        int n = c.n();
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
            ContrastPasses.sum(cc[0], cc[p]);
        }
        long[][] k = ContrastPasses.counts(cc[0], 2);
        LatencySummary[] s = lg[0].summaries(null, group, cls, latency, n);
        return new GroupStats[] {score(attrs, k[1], s[2], s[3]), score(restAttrs, k[0], s[0], s[1])};
    }

    /**
     * split() for a single dimension value, without a pass: the group's counts and latencies are already kept,
     * and the rest is the dimension's other values together (every row has exactly one value per dimension).
     */
    private GroupStats[] splitOne(int d, int code, Map<String, String> attrs, Map<String, String> restAttrs) {
        long[] in = counts[d][code].clone();
        long[] out = new long[K];
        for (int k = 0; k < K; k++) {
            out[k] = total[k] - in[k];
        }
        LatencySummary[] lout = {new LatencySummary(), new LatencySummary()};
        for (int v = 0; v < lat[d].length; v++) {
            if (v != code) {
                lout[0].absorb(lat[d][v][0]);
                lout[1].absorb(lat[d][v][1]);
            }
        }
        return new GroupStats[] {score(attrs, in, lat[d][code][0], lat[d][code][1]),
            score(restAttrs, out, lout[0], lout[1])};
    }

    /** For rows matching the attributes, counts per value of every dimension: [d][code][K]. */
    long[][][] breakdown(int[] ds, int[] codes) {
        int[][] dims = c.dims();
        byte[] group = rows(ds, codes).in;
        int parts = Halves.parts(c.n());
        int[][][] cc = new int[parts][nd][];
        for (int p = 0; p < parts; p++) {
            for (int d = 0; d < nd; d++) {
                cc[p][d] = new int[c.dimValues()[d].length * ContrastPasses.CLASSES];
            }
        }
        Halves.run(c.n(), (p, from, to) -> {
            for (int d = 0; d < nd; d++) {
                ContrastPasses.classes(group, dims[d], cls, cc[p][d], from, to);
            }
        });
        long[][][] out = new long[nd][][];
        for (int d = 0; d < nd; d++) {
            for (int p = 1; p < parts; p++) {
                ContrastPasses.sum(cc[0][d], cc[p][d]);
            }
            out[d] = ContrastPasses.counts(cc[0][d], c.dimValues()[d].length);
        }
        return out;
    }

    /** Jensen-Shannon divergence of each dimension's values: bad incident requests versus the baseline. */
    Map<String, Double> surprise() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int d = 0; d < nd; d++) {
            long[] bad = new long[counts[d].length];
            long[] base = new long[counts[d].length];
            for (int v = 0; v < bad.length; v++) {
                bad[v] = counts[d][v][BADI];
                base[v] = counts[d][v][NB];
            }
            out.put(c.dimNames().get(d), Math.round(Stats.jensenShannon(bad, base) * 1000) / 1000.0);
        }
        return out;
    }

    int code(int d, String value) {
        return Arrays.asList(c.dimValues()[d]).indexOf(value);
    }
}
