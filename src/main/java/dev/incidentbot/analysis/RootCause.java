package dev.incidentbot.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the smallest set of attributes that explains most of the excess trouble: the strongest significant
 * single value (Holm-corrected across the values tested), refined to a combination only when the combination
 * keeps nearly all of the excess on clearly less traffic.
 */
final class RootCause {
    static final double ALPHA = 0.05;
    /** A refinement must keep this share of its parent's excess... */
    static final double KEEP = 0.85;
    /** ...on at most this share of its parent's incident traffic. */
    static final double NARROWER = 0.85;

    /**
     * The outcome of the search.
     *
     * @param groups every single value, scored and adjusted, best first
     * @param culprit the chosen group, null when nothing is significant
     * @param dims culprit's dimension indexes
     * @param codes culprit's value codes
     * @param refinements combinations considered, best first
     * @param rest the incident-window traffic outside the culprit, null without a culprit
     * @param breakdown for the culprit's rows, counts per value of every dimension, null without a culprit
     */
    record Result(List<GroupStats> groups, GroupStats culprit, int[] dims, int[] codes,
                  List<GroupStats> refinements, GroupStats rest, long[][][] breakdown) {
    }

    private RootCause() {
    }

    static Result find(Contrast ct) {
        List<GroupStats> singles = ct.singles();
        List<Integer> tested = new ArrayList<>();
        long incident = ct.total[Contrast.NI] * (long) ct.c.stride();
        for (int i = 0; i < singles.size(); i++) {
            GroupStats g = singles.get(i);
            // a value carried by (nearly) all traffic, e.g. method=GET, distinguishes nothing
            if (g.excess() > 0 && g.incidentRequests() < 0.95 * incident) {
                tested.add(i);
            }
        }
        double[] p = new double[tested.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = singles.get(tested.get(i)).pValue();
        }
        double[] adj = Stats.holm(p);
        List<GroupStats> groups = new ArrayList<>(singles);
        for (int i = 0; i < p.length; i++) {
            GroupStats g = singles.get(tested.get(i));
            groups.set(tested.get(i), g.withAdjusted(adj[i], adj[i] <= ALPHA && meaningful(g, ct.c.stride())));
        }
        groups.sort(Comparator.comparingDouble(GroupStats::excess).reversed());
        GroupStats best = null;
        for (GroupStats g : groups) {
            if (g.significant()) {
                best = g;
                break;
            }
        }
        if (best == null) {
            return new Result(groups, null, new int[0], new int[0], List.of(), null, null);
        }
        String dimName = best.attributes().keySet().iterator().next();
        int d0 = ct.c.dimNames().indexOf(dimName);
        int[] ds = {d0};
        int[] codes = {ct.code(d0, best.attributes().get(dimName))};
        GroupStats current = best;
        List<GroupStats> refinements = new ArrayList<>();
        long[][][] bd = null;
        while (true) {
            bd = ct.breakdown(ds, codes);
            if (ds.length == 3) {
                break;
            }
            GroupStats pick = null;
            int pickD = -1;
            int pickV = -1;
            for (int e = 0; e < ct.nd; e++) {
                if (contains(ds, e)) {
                    continue;
                }
                for (int w = 0; w < bd[e].length; w++) {
                    long[] k = bd[e][w];
                    if (k[Contrast.NI] == 0) {
                        continue;
                    }
                    Map<String, String> attrs = attrs(ct, append(ds, e), append(codes, w));
                    GroupStats combo = ct.score(attrs, k, null, null);
                    refinements.add(combo);
                    boolean keeps = combo.excess() >= KEEP * current.excess();
                    boolean narrower = combo.incidentRequests() <= NARROWER * current.incidentRequests();
                    if (keeps && narrower && combo.pValue() <= ALPHA
                            && (pick == null || combo.excess() > pick.excess())) {
                        pick = combo;
                        pickD = e;
                        pickV = w;
                    }
                }
            }
            if (pick == null) {
                break;
            }
            ds = append(ds, pickD);
            codes = append(codes, pickV);
            current = pick;
        }
        // attributes in the log's field order, with latency figures for the final group
        int[] order = sortedIndexes(ds);
        int[] sd = new int[ds.length];
        int[] sc = new int[ds.length];
        for (int i = 0; i < ds.length; i++) {
            sd[i] = ds[order[i]];
            sc[i] = codes[order[i]];
        }
        GroupStats[] split = ct.split(sd, sc, attrs(ct, sd, sc), Map.of("everything else", "true"));
        GroupStats culprit = split[0].withAdjusted(ds.length == 1 ? best.adjustedP() : split[0].pValue(), true);
        refinements.sort(Comparator.comparingDouble(GroupStats::excess).reversed());
        return new Result(groups, culprit, sd, sc, refinements.subList(0, Math.min(10, refinements.size())), split[1],
                bd);
    }

    /** Effect-size gates so that a statistically clear but tiny change is not called an incident. */
    private static boolean meaningful(GroupStats g, int stride) {
        double rate = g.incidentBadRate();
        double ref = g.referenceBadRate();
        return g.excess() >= 2.0 * stride && rate - ref >= 0.05 && rate >= 1.5 * ref;
    }

    static Map<String, String> attrs(Contrast ct, int[] ds, int[] codes) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < ds.length; i++) {
            m.put(ct.c.dimNames().get(ds[i]), ct.c.dimValues()[ds[i]][codes[i]]);
        }
        return m;
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    private static int[] append(int[] a, int x) {
        int[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = x;
        return b;
    }

    private static int[] sortedIndexes(int[] ds) {
        Integer[] idx = new Integer[ds.length];
        for (int i = 0; i < ds.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, Comparator.comparingInt(i -> ds[i]));
        int[] out = new int[ds.length];
        for (int i = 0; i < ds.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
