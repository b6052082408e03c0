package dev.incidentbot.analysis.cause;

import dev.incidentbot.analysis.changepoint.LatencyBins;
import dev.incidentbot.analysis.changepoint.LatencySummary;
import dev.incidentbot.analysis.input.Columns;
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
public final class Contrast {
    static final int INCIDENT = 1;
    static final int BAD = 2;
    static final int FAILED = 4;
    static final int TIMEOUT = 8;
    static final int EXCLUDED = 16;
    /**
     * Fewer baseline requests than this and a group is compared with all other traffic instead (SeedLogTest:
     * v1.3 is new and v1.2 has one request before; CorpusTest single-*-10).
     */
    public static final int MIN_OWN_BASELINE = 5;
    /**
     * A group needs this many baseline latencies before its own p95 is trusted as its slow threshold: the p95 of
     * a few dozen values is low by chance often enough to make a healthy group look worse afterwards
     * (DetectionRulesTest.alwaysSlowEndpointIsNotBlamed, CorpusTest steady-* and decoy-*).
     */
    static final int MIN_OWN_THRESHOLD = 100;
    /**
     * A group whose share of the traffic grew more than this many times at the change is compared with all other
     * traffic, as a new one is: its few earlier requests came just before a change point that lags the deploy by
     * a bucket, already in trouble (CorpusTest canary-*, a 1-5% canary with 20 requests in the "baseline").
     */
    static final double GREW = 10;
    /**
     * Slow means clearly above the usual p95, not just above it, so sampling noise in the p95 is not trouble
     * (DetectionRulesTest.steadyLogIsNoAnomalyNotAGuess, CorpusTest steady-* and harmless_rollout-*).
     */
    static final double MARGIN = 1.2;

    final Columns c;
    final LatencyBins bins;
    final byte[] cls;
    final int nd;
    final long[][][] counts; // [d][code][K]
    final LatencySummary[][][] lat; // [d][code][0 baseline, 1 incident]
    public final long[] total;
    public final LatencySummary totalBaseline;
    public final LatencySummary totalIncident;
    public final double globalThresholdMs;
    private final ContrastTables tables;

    // count slots
    public static final int NB = 0;
    public static final int BADB = 1;
    public static final int FAILB = 2;
    public static final int NI = 3;
    public static final int BADI = 4;
    public static final int FAILI = 5;
    static final int TOI = 6;
    static final int K = 7;

    /**
     * Two passes over the rows (see ContrastTables), each in two halves on two threads for large logs: the first
     * sorts rows into the windows and counts every group's latencies (the incident ones do not depend on the
     * thresholds), the second classifies each request against the baseline thresholds and counts its class.
     */
    public Contrast(Columns c, LatencyBins bins, long start, long end) {
        this(ContrastTables.of(c, bins), start, end);
    }

    /** As {@link #Contrast(Columns, LatencyBins, long, long)} with the given tables (tests compare both kinds). */
    Contrast(ContrastTables tables, long start, long end) {
        this.tables = tables;
        this.c = tables.c;
        this.bins = tables.bins;
        this.nd = c.dims().length;
        this.cls = tables.cls;
        lat = tables.latencies(start, end);
        totalBaseline = tables.totalBaseline;
        totalIncident = tables.totalIncident;
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
        counts = tables.classify(thr, global);
        total = tables.total;
    }

    /**
     * All values of one window: every row has exactly one value (or "(none)") in each dimension, so the first
     * dimension's groups together hold every latency, and the passes need not record each one twice.
     */
    public static LatencySummary total(LatencySummary[][] perValue, int window) {
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
    public List<GroupStats> singles() {
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

    /**
     * Scores one group from its counts, against its own baseline or, when that is too small, the rest. The
     * evidence counts slowness as no rarer than 1 in (baseline requests + 1): a threshold taken from k latencies
     * is exceeded by a healthy request about that often, which matters when k is a handful (RootCauseSizeTest,
     * CorpusTest steady-*-10: an always-slower endpoint after one fast request before the split).
     */
    public GroupStats score(Map<String, String> attrs, long[] k, LatencySummary base, LatencySummary inc) {
        boolean isNew = k[NB] == 0;
        long refBad;
        long refN;
        String reference;
        long refFailed;
        if (k[NB] >= MIN_OWN_BASELINE && k[NB] * (double) total[NI] * GREW >= k[NI] * (double) total[NB]) {
            refBad = k[BADB];
            refFailed = k[FAILB];
            refN = k[NB];
            reference = "own baseline";
        } else {
            refBad = total[BADB] + total[BADI] - k[BADB] - k[BADI];
            refFailed = total[FAILB] + total[FAILI] - k[FAILB] - k[FAILI];
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
                excess * s, excess / totalExcess(), lift, p, p, false,
                Evidence.of(k[NI], k[BADI], k[FAILI], refN, refBad, refFailed, 1.0 / (total[NB] + 1), attrs.size()));
    }

    /** The rows of the group given by dimensions and codes, not excluded ones (the last group's are kept). */
    GroupRows rows(int[] ds, int[] codes) {
        return tables.rows(ds, codes);
    }

    /** The matching rows and all the others (the unaffected rest), scored: {group, rest}. */
    GroupStats[] split(int[] ds, int[] codes, Map<String, String> attrs, Map<String, String> restAttrs) {
        if (ds.length == 1) {
            return splitOne(ds[0], codes[0], attrs, restAttrs);
        }
        ContrastTables.Split sp = tables.split(ds, codes);
        long[][] k = sp.counts();
        LatencySummary[] s = sp.latencies();
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
        return tables.breakdown(ds, codes);
    }

    /** Jensen-Shannon divergence of each dimension's values: bad incident requests versus the baseline. */
    public Map<String, Double> surprise() {
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
