package dev.incidentbot.analysis.cause;

import java.util.ArrayList;
import java.util.List;

/**
 * Several causes at once: after the strongest cause, its requests are taken out and the rest is searched again
 * (peel-off) over every combination of one to all dimensions, leaves included, until nothing convinces. Each
 * candidate is ranked by how much purer it makes the remaining incident traffic (the log-likelihood gain of
 * giving it its own rate apart from the others, when it is also worse than they are against what its baseline
 * predicts) less a cost per attribute, so a child
 * that holds nearly all of its parent's trouble beats the parent, and a combination wins only when its parts
 * leave healthy traffic in; whether it convinces is judged on the candidate alone against its own baseline.
 */
public final class Causes {
    /** At most this many causes in one answer (RiskLoc's S set has up to 8 elements in a case). */
    static final int MAX_CAUSES = 10;
    /**
     * Net nats (likelihood ratio against its own baseline less the attribute cost) a further cause must reach,
     * above Evidence.MIN_NET: the first cause also had to explain half the trouble, a further one is picked from
     * whatever the earlier ones left, and at MIN_NET chance passes there (CorpusTest single-*-1000-s2009: an
     * always-slow endpoint at 18 of 80 slow against 8.3% before, exact p 0.005, net 4.0 nats, named beside the
     * planted cause). The gain less the attribute cost must reach it too, so a further cause is clearly worse than
     * what is left, not one of many values that all got a little worse (as every pod does when traffic moves to a
     * slow endpoint). Fixed, not grown with the number of candidates.
     */
    static final double MIN_NET_FURTHER = 10.0;
    /** Candidates judged per round, in order of their gain, before the round gives up. */
    static final int MAX_JUDGED = 200;

    /**
     * The causes found, strongest first.
     *
     * @param causes each judged against its own baseline, on the traffic the earlier causes left
     * @param dims per cause, its dimension indexes
     * @param codes per cause, its value codes
     */
    public record Found(List<GroupStats> causes, List<int[]> dims, List<int[]> codes) {
        static final Found NONE = new Found(List.of(), List.of(), List.of());

        public boolean isEmpty() {
            return causes.isEmpty();
        }
    }

    /** A candidate that convinced: its judged stats, dimensions and codes. */
    private record Pick(GroupStats g, int[] dims, int[] codes) {
    }

    private Causes() {
    }

    /**
     * Causes beyond the first (given by dims and codes, or none when firstDims is empty), searched on the traffic
     * outside it; an empty answer when the log is too varied for the tables (see CauseTables.MAX_LEAVES).
     */
    public static Found find(Contrast ct, int[] firstDims, int[] firstCodes) {
        CauseTables s = CauseTables.of(ct);
        if (s == null) {
            return Found.NONE;
        }
        if (firstDims.length > 0) {
            s.cover(firstDims, firstCodes);
        }
        s.buildTables();
        List<GroupStats> out = new ArrayList<>();
        List<int[]> outDims = new ArrayList<>();
        List<int[]> outCodes = new ArrayList<>();
        // rounds of: the candidate with the largest gain that convinces on its own is named and taken out
        while (out.size() < MAX_CAUSES && !s.tables.isEmpty()) {
            double[] rest = CauseTables.sum(s.tables.get(0));
            Pick p = best(s, new int[0], new int[0], rest, MIN_NET_FURTHER);
            if (p == null) {
                break;
            }
            out.add(p.g());
            outDims.add(p.dims());
            outCodes.add(p.codes());
            s.cover(p.dims(), p.codes());
        }
        return new Found(out, outDims, outCodes);
    }

    /**
     * When no single cause convinces: the causes found together name the answer (the first as the culprit, the
     * others as further causes), each having reached MIN_NET_FURTHER of gain and of evidence on its own. Their
     * union is not asked to explain half the window's excess: when every group got a little worse besides (the
     * RiskLoc sets' forecast noise, bench/README "Outside data"), most of the excess is that uniform rise, which no
     * group explains; the bar on each cause is what keeps chance out (CorpusTest steady-* and mix_shift-*).
     */
    public static RootCause.Result rescue(Contrast ct, RootCause.Result none) {
        Found all = find(ct, new int[0], new int[0]);
        if (all.isEmpty()) {
            return null;
        }
        return RootCause.named(ct, none.groups(), all.dims().get(0), all.codes().get(0), all.causes().get(0));
    }

    /**
     * The culprit made purer: a group inside it (more attributes, e.g. down to a leaf of every dimension, beyond
     * the three the search from single values reaches) that holds nearly all of its trouble replaces it, when
     * giving that group its own rate apart from the rest of the culprit gains more than the extra attributes
     * cost and the group convinces on its own (every gate but the share: the culprit passed that, and a single
     * value that passed it only by holding parts of other causes would keep its refinement from passing it,
     * CausesTest.threeCausesAreAllNamed seed 2). Repeated from the new culprit.
     */
    public static RootCause.Result refine(Contrast ct, RootCause.Result rc) {
        if (rc.culprit() == null) {
            return rc;
        }
        CauseTables s = CauseTables.of(ct);
        if (s == null) {
            return rc;
        }
        s.buildTables();
        RootCause.Result out = rc;
        while (true) {
            double[] parent = s.counts(out.dims(), out.codes());
            Pick p = parent == null ? null : best(s, out.dims(), out.codes(), parent, Evidence.MIN_NET);
            if (p == null) {
                return out;
            }
            out = RootCause.named(ct, rc.groups(), p.dims(), p.codes(), p.g());
        }
    }

    /**
     * Among the groups inside the parent (pd, pc; every group when pd is empty) with more attributes than it, the
     * one of largest gain less the cost of its extra attributes that convinces on its own (judged without the share
     * gate, which the union or the culprit answers for) with at least minNet nats both of gain and of net evidence
     * against its own baseline; null when none does.
     */
    private static Pick best(CauseTables s, int[] pd, int[] pc, double[] parent, double minNet) {
        if (parent[0] <= 0) {
            return null;
        }
        List<double[]> ranked = new ArrayList<>();
        for (int ti = 0; ti < s.tables.size(); ti++) {
            CauseTables.Table t = s.tables.get(ti);
            if (t.dims.length <= pd.length || !CauseTables.within(t.dims, pd)) {
                continue;
            }
            double cost = Evidence.ATTRIBUTE_COST * (t.dims.length - pd.length);
            int cells = t.counts.length / Contrast.K;
            for (int cell = 0; cell < cells; cell++) {
                int o = cell * Contrast.K;
                long kC = t.counts[o + Contrast.BADI];
                if (kC < RootCause.MIN_SUPPORT || pd.length > 0 && !s.inside(t, cell, pd, pc)) {
                    continue;
                }
                double g = gain(kC, t.counts[o + Contrast.NI], t.expected[cell], parent) - cost;
                if (g >= minNet) {
                    ranked.add(new double[] {g, ti, cell});
                }
            }
        }
        ranked.sort((a, b) -> Double.compare(b[0], a[0]));
        Contrast ct = s.ct;
        long incident = ct.total[Contrast.NI] * (long) ct.c.stride();
        for (int i = 0; i < Math.min(MAX_JUDGED, ranked.size()); i++) {
            CauseTables.Table t = s.tables.get((int) ranked.get(i)[1]);
            int cell = (int) ranked.get(i)[2];
            int[] codes = t.codes(cell);
            long[] k = java.util.Arrays.copyOfRange(t.counts, cell * Contrast.K, (cell + 1) * Contrast.K);
            GroupStats g = RootCause.judge(ct.score(RootCause.attrs(ct, t.dims, codes), k, null, null), incident,
                    ct.c.stride(), false);
            if (g.significant() && g.net() >= minNet) {
                return new Pick(g, t.dims, codes);
            }
        }
        return null;
    }

    /**
     * Log-likelihood gain, in nats, of giving the candidate (kE slow or failed of nE, eE of them predicted by its
     * leaves' baselines) its own rate apart from the rest of the traffic left (parent: {bad, requests, predicted},
     * the candidate included); 0 when the candidate is not worse than the others, in rate or against what their
     * baselines predict (an always-slow endpoint inside a cause has a higher rate and no more than its usual).
     */
    static double gain(double kE, double nE, double eE, double[] parent) {
        double kO = parent[0] - kE;
        double nO = parent[1] - nE;
        double eO = parent[2] - eE;
        if (nE <= 0 || nO <= 0 || kE / nE <= kO / nO || eE > 0 && eO > 0 && kE / eE <= kO / eO) {
            return 0;
        }
        return ll(kE, nE) + ll(kO, nO) - ll(parent[0], parent[1]);
    }

    private static double ll(double k, double n) {
        double p = k / n;
        return (k > 0 ? k * Math.log(p) : 0) + (n - k > 0 ? (n - k) * Math.log(1 - p) : 0);
    }
}
