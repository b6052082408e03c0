package dev.incidentbot.analysis;

import dev.incidentbot.analysis.input.Values;
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

    /** Rows from which the two passes run on two threads (each half with its own accumulators). */
    static final int PARALLEL_ROWS = 200_000;

    /** Accumulators for one range of rows; ranges are merged after each pass. */
    private static final class Part {
        final long[][][] counts;
        final LatencySummary[][][] lat;
        final long[] total = new long[K];
        LatencySummary totalBaseline = new LatencySummary();
        LatencySummary totalIncident = new LatencySummary();

        Part(Columns c) {
            int nd = c.dims().length;
            counts = new long[nd][][];
            lat = new LatencySummary[nd][][];
            for (int d = 0; d < nd; d++) {
                int values = c.dimValues()[d].length;
                counts[d] = new long[values][K];
                lat[d] = new LatencySummary[values][2];
                for (int v = 0; v < values; v++) {
                    lat[d][v][0] = new LatencySummary();
                    lat[d][v][1] = new LatencySummary();
                }
            }
        }
    }

    /** One pass over rows [from, to) into a part. */
    private interface Pass {
        void run(Part part, int from, int to);
    }

    Contrast(Columns c, long start, long end) {
        this.c = c;
        this.nd = c.dims().length;
        int n = c.n();
        cls = new byte[n];
        // pass 1: baseline distributions, per group and overall
        Part base = run(n, (p, from, to) -> baseline(p, from, to, start, end));
        if (nd > 0) {
            base.totalBaseline = total(base.lat[0], 0);
        }
        int global = base.totalBaseline.count() == 0 ? Integer.MAX_VALUE
                : (int) Math.min(Integer.MAX_VALUE - 1, Math.round(base.totalBaseline.percentile(0.95) * MARGIN));
        globalThresholdMs = global == Integer.MAX_VALUE ? 0 : global / 1000.0;
        int[][] thr = new int[nd][];
        for (int d = 0; d < nd; d++) {
            thr[d] = new int[base.lat[d].length];
            for (int v = 0; v < thr[d].length; v++) {
                LatencySummary s = base.lat[d][v][0];
                thr[d][v] = s.count() >= MIN_OWN_THRESHOLD
                        ? (int) Math.min(Integer.MAX_VALUE - 1, Math.round(s.percentile(0.95) * MARGIN))
                        : Integer.MAX_VALUE;
            }
        }
        // pass 2: classify every request, count per group, incident distributions
        Part inc = run(n, (p, from, to) -> classify(p, from, to, thr, global));
        if (nd > 0) {
            inc.totalIncident = total(inc.lat[0], 1);
        }
        counts = inc.counts;
        lat = inc.lat;
        for (int d = 0; d < nd; d++) {
            for (int v = 0; v < lat[d].length; v++) {
                lat[d][v][0] = base.lat[d][v][0];
            }
        }
        System.arraycopy(inc.total, 0, total, 0, K);
        totalBaseline = base.totalBaseline;
        totalIncident = inc.totalIncident;
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

    /** Runs a pass over all rows, in two halves on two threads when there are many. */
    private Part run(int n, Pass pass) {
        if (n < PARALLEL_ROWS || Runtime.getRuntime().availableProcessors() < 2) {
            Part p = new Part(c);
            pass.run(p, 0, n);
            return p;
        }
        int mid = n / 2;
        Part first = new Part(c);
        Part second = new Part(c);
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = new Thread(() -> {
            try {
                pass.run(second, mid, n);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "analyze-pass");
        t.setDaemon(true);
        t.start();
        pass.run(first, 0, mid);
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        for (int d = 0; d < nd; d++) {
            for (int v = 0; v < first.counts[d].length; v++) {
                for (int k = 0; k < K; k++) {
                    first.counts[d][v][k] += second.counts[d][v][k];
                }
                for (int w = 0; w < 2; w++) {
                    first.lat[d][v][w] = LatencySummary.merge(first.lat[d][v][w], second.lat[d][v][w]);
                }
            }
        }
        for (int k = 0; k < K; k++) {
            first.total[k] += second.total[k];
        }
        first.totalBaseline = LatencySummary.merge(first.totalBaseline, second.totalBaseline);
        first.totalIncident = LatencySummary.merge(first.totalIncident, second.totalIncident);
        return first;
    }

    private void baseline(Part p, int from, int to, long start, long end) {
        long[] time = c.time();
        int[] latency = c.latency();
        int[][] dims = c.dims();
        for (int r = from; r < to; r++) {
            long t = time[r];
            if (t >= end) {
                cls[r] = EXCLUDED;
                continue;
            }
            if (t >= start) {
                cls[r] = INCIDENT;
                continue;
            }
            int l = latency[r];
            if (l >= 0) {
                if (nd == 0) {
                    p.totalBaseline.add(l);
                }
                for (int d = 0; d < nd; d++) {
                    p.lat[d][dims[d][r]][0].add(l);
                }
            }
        }
    }

    private void classify(Part p, int from, int to, int[][] thr, int global) {
        int[] latency = c.latency();
        int[][] dims = c.dims();
        byte[] outcome = c.outcome();
        long[] total = p.total;
        for (int r = from; r < to; r++) {
            int k = cls[r];
            if (k == EXCLUDED) {
                continue;
            }
            int l = latency[r];
            int limit = Integer.MAX_VALUE;
            for (int d = 0; d < nd; d++) {
                int tv = thr[d][dims[d][r]];
                if (tv < limit) {
                    limit = tv;
                }
            }
            if (limit == Integer.MAX_VALUE) {
                limit = global;
            }
            byte o = outcome[r];
            if (o == Values.TIMEOUT) {
                k |= FAILED | TIMEOUT | BAD;
            } else if (o == Values.ERROR) {
                k |= FAILED | BAD;
            }
            if (l > limit) {
                k |= BAD;
            }
            cls[r] = (byte) k;
            boolean inc = (k & INCIDENT) != 0;
            int base = inc ? NI : NB;
            int bad = (k & BAD) != 0 ? 1 : 0;
            int failed = (k & FAILED) != 0 ? 1 : 0;
            int to2 = inc && (k & TIMEOUT) != 0 ? 1 : 0;
            total[base]++;
            total[base + 1] += bad;
            total[base + 2] += failed;
            total[TOI] += to2;
            if (inc && l >= 0 && nd == 0) {
                p.totalIncident.add(l);
            }
            for (int d = 0; d < nd; d++) {
                int v = dims[d][r];
                long[] cnt = p.counts[d][v];
                cnt[base]++;
                cnt[base + 1] += bad;
                cnt[base + 2] += failed;
                cnt[TOI] += to2;
                if (inc && l >= 0) {
                    p.lat[d][v][1].add(l);
                }
            }
        }
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
        long[] in = new long[K];
        long[] out = new long[K];
        LatencySummary[] lin = {new LatencySummary(), new LatencySummary()};
        LatencySummary[] lout = {new LatencySummary(), new LatencySummary()};
        byte[] group = rows(ds, codes).in;
        int[] latency = c.latency();
        for (int r = 0; r < c.n(); r++) {
            int cl = cls[r];
            if (cl == EXCLUDED) {
                continue;
            }
            boolean m = group[r] != 0;
            add(m ? in : out, cl);
            int l = latency[r];
            if (l >= 0) {
                (m ? lin : lout)[(cl & INCIDENT) != 0 ? 1 : 0].add(l);
            }
        }
        return new GroupStats[] {score(attrs, in, lin[0], lin[1]), score(restAttrs, out, lout[0], lout[1])};
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
        long[][][] out = new long[nd][][];
        for (int d = 0; d < nd; d++) {
            out[d] = new long[c.dimValues()[d].length][K];
        }
        int[][] dims = c.dims();
        byte[] group = rows(ds, codes).in;
        for (int r = 0; r < c.n(); r++) {
            if (group[r] == 0) {
                continue;
            }
            int cl = cls[r];
            for (int d = 0; d < nd; d++) {
                add(out[d][dims[d][r]], cl);
            }
        }
        return out;
    }

    private static void add(long[] k, int cl) {
        int base = (cl & INCIDENT) != 0 ? NI : NB;
        k[base]++;
        k[base + 1] += (cl & BAD) != 0 ? 1 : 0;
        k[base + 2] += (cl & FAILED) != 0 ? 1 : 0;
        k[TOI] += (cl & INCIDENT) != 0 && (cl & TIMEOUT) != 0 ? 1 : 0;
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
