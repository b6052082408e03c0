package dev.incidentbot.analysis.cause;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the size of the cause on principle: every single value and every combination reached from the best one
 * is scored by how much it explains against its own baseline (a likelihood ratio, see Evidence) less a cost per
 * attribute, so a combination wins only when its parts alone explain clearly less; whether anything convinces is
 * decided per candidate (exact test, effect size, support, share of the trouble), never by how many were tested.
 */
public final class RootCause {
    /**
     * One-sided exact-test level per candidate, not adjusted for the number tested (RootCauseSizeTest keeps the
     * seed at p 0.018 with one more value tested; a guard beside the likelihood ratio, which decides alone on the
     * corpus sample).
     */
    static final double ALPHA = 0.05;
    /** A cause has at least this many slow or failed requests in the window (RootCauseSizeTest; the seed has 5). */
    static final int MIN_SUPPORT = 3;
    /**
     * A cause accounts for at least this share of the window's excess trouble: a value that merely got a bit
     * worse along with everything else (traffic moving to a slow endpoint) is not the culprit (CorpusTest mix_shift).
     */
    static final double MIN_SHARE = 0.5;
    /** Slow or failed requests beyond the reference a cause adds at least (a guard like ALPHA). */
    static final double MIN_EXCESS = 2.0;
    /**
     * Points the slow-or-failed rate must rise by: with 10k requests a 3% to 6% drift of every pod is a strong
     * likelihood ratio and no incident (CorpusTest mix_shift-*-10000).
     */
    static final double MIN_RISE = 0.05;
    /** Factor the rate must rise by, the relative side of MIN_RISE (a guard like ALPHA). */
    static final double MIN_RATIO = 1.5;
    /** A value on this share of the window's traffic distinguishes nothing, e.g. method=GET (RootCauseSizeTest). */
    static final double ALL_TRAFFIC = 0.95;

    /**
     * The outcome of the search.
     *
     * @param groups every single value, scored and judged, strongest evidence first
     * @param culprit the chosen group, null when nothing convinces
     * @param dims culprit's dimension indexes
     * @param codes culprit's value codes
     * @param refinements combinations considered, strongest evidence first
     * @param rest the incident-window traffic outside the culprit, null without a culprit
     * @param breakdown for the culprit's rows, counts per value of every dimension, null without a culprit
     */
    public record Result(List<GroupStats> groups, GroupStats culprit, int[] dims, int[] codes,
                         List<GroupStats> refinements, GroupStats rest, long[][][] breakdown) {
    }

    private RootCause() {
    }

    public static Result find(Contrast ct) {
        List<GroupStats> singles = ct.singles();
        int stride = ct.c.stride();
        long incident = ct.total[Contrast.NI] * (long) stride;
        // Holm across the values tested is still reported, for comparison; it decides nothing
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < singles.size(); i++) {
            if (singles.get(i).excess() > 0) {
                tested.add(i);
            }
        }
        double[] p = new double[tested.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = singles.get(tested.get(i)).pValue();
        }
        double[] adj = Stats.holm(p);
        List<GroupStats> groups = new ArrayList<>();
        for (int i = 0; i < singles.size(); i++) {
            int t = tested.indexOf(i);
            groups.add(judge(singles.get(i).withAdjusted(t >= 0 ? adj[t] : 1, false), incident, stride));
        }
        groups.sort(BY_NET);
        List<GroupStats> candidates = new ArrayList<>();
        GroupStats best = null;
        for (GroupStats g : groups) {
            if (g.significant()) {
                candidates.add(g);
                best = best == null ? g : best;
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
        long[][][] bd;
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
                    GroupStats combo = judge(ct.score(attrs(ct, append(ds, e), append(codes, w)), k, null, null),
                            incident, stride);
                    refinements.add(combo);
                    if (combo.significant()) {
                        candidates.add(combo);
                        // one more attribute only when it explains more than its parent by more than its cost
                        if (combo.net() > current.net() && (pick == null || combo.net() > pick.net())) {
                            pick = combo;
                            pickD = e;
                            pickV = w;
                        }
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
        int[][] ordered = inFieldOrder(ds, codes);
        int[] sd = ordered[0];
        int[] sc = ordered[1];
        GroupStats[] split = ct.split(sd, sc, attrs(ct, sd, sc), Map.of("everything else", "true"));
        GroupStats chosen = current;
        GroupStats runnerUp = null;
        for (GroupStats g : candidates) {
            if (!g.attributes().equals(chosen.attributes()) && (runnerUp == null || g.net() > runnerUp.net())) {
                runnerUp = g;
            }
        }
        Evidence ev = chosen.evidence();
        if (runnerUp != null && chosen.net() - runnerUp.net() < Evidence.CLOSE) {
            ev = ev.withRunnerUp(runnerUp.label(), runnerUp.net());
        }
        GroupStats culprit = split[0].withAdjusted(ds.length == 1 ? best.adjustedP() : split[0].pValue(), true)
                .withEvidence(ev);
        refinements.sort(BY_NET);
        return new Result(groups, culprit, sd, sc, refinements.subList(0, Math.min(10, refinements.size())), split[1],
                bd);
    }

    /**
     * The result for a group chosen elsewhere (Causes: the first of several causes), with its split, breakdown
     * and judged evidence, as find() gives its own culprit.
     */
    static Result named(Contrast ct, List<GroupStats> groups, int[] ds, int[] codes, GroupStats chosen) {
        int[][] ordered = inFieldOrder(ds, codes);
        int[] sd = ordered[0];
        int[] sc = ordered[1];
        GroupStats[] split = ct.split(sd, sc, attrs(ct, sd, sc), Map.of("everything else", "true"));
        GroupStats culprit = split[0].withAdjusted(split[0].pValue(), true).withEvidence(chosen.evidence());
        return new Result(groups, culprit, sd, sc, List.of(), split[1], ct.breakdown(sd, sc));
    }

    /** The dimensions (and their value codes alongside) in the log's field order, as reports list attributes. */
    private static int[][] inFieldOrder(int[] ds, int[] codes) {
        int[] order = sortedIndexes(ds);
        int[] sd = new int[ds.length];
        int[] sc = new int[ds.length];
        for (int i = 0; i < ds.length; i++) {
            sd[i] = ds[order[i]];
            sc[i] = codes[order[i]];
        }
        return new int[][] {sd, sc};
    }

    private static final Comparator<GroupStats> BY_NET = Comparator.comparingDouble(GroupStats::net).reversed()
            .thenComparing(Comparator.comparingDouble(GroupStats::excess).reversed());

    /**
     * Whether a candidate convinces as the cause, each gate on the candidate alone: worse than its reference,
     * not carried by (nearly) all traffic, enough support, a meaningful effect, an exact p at most ALPHA, most of
     * the window's excess, and a likelihood ratio that pays for its attributes.
     */
    static GroupStats judge(GroupStats g, long incident, int stride) {
        return judge(g, incident, stride, true);
    }

    /**
     * As {@link #judge(GroupStats, long, int)}; without the share gate (withShare false) for one of several causes,
     * whose union answers for the share instead (Causes.rescue).
     */
    static GroupStats judge(GroupStats g, long incident, int stride, boolean withShare) {
        Evidence e = g.evidence();
        String why;
        if (g.excess() <= 0) {
            why = "not worse than its reference";
        } else if (g.incidentRequests() >= ALL_TRAFFIC * incident) {
            // a value carried by (nearly) all traffic, e.g. method=GET, distinguishes nothing
            why = "carried by nearly all traffic";
        } else if (g.incidentBad() < (long) MIN_SUPPORT * stride) {
            why = g.incidentBad() + " slow or failed requests, fewer than " + MIN_SUPPORT;
        } else if (!meaningful(g, stride)) {
            why = "effect too small: " + Fmt.pct(g.incidentBadRate()) + " slow or failed against "
                    + Fmt.pct(g.referenceBadRate());
        } else if (g.pValue() > ALPHA) {
            why = "exact p " + Fmt.p(g.pValue()) + " above " + ALPHA;
        } else if (withShare && g.share() < MIN_SHARE) {
            why = "explains " + Fmt.pct(g.share()) + " of the excess, less than " + Fmt.pct(MIN_SHARE);
        } else if (e.net() < Evidence.MIN_NET) {
            why = "likelihood ratio " + Fmt.fixed(e.llr(), 1) + " nats does not pay for " + g.attributes().size()
                    + " attribute(s) at " + Evidence.ATTRIBUTE_COST + " each and reach " + Evidence.MIN_NET;
        } else {
            return g.withEvidence(e.judged(true, "convinces: " + g.incidentBad() + " of " + g.incidentRequests()
                    + " slow or failed against " + Fmt.pct(g.referenceBadRate()) + " (" + g.reference() + "), exact p "
                    + Fmt.p(g.pValue()) + ", explains " + Fmt.pct(Math.min(1, g.share()))
                    + " of the excess, likelihood ratio " + Fmt.fixed(e.llr(), 1) + " nats less " + Fmt.fixed(e.cost(), 1)
                    + " for " + g.attributes().size() + " attribute(s)"));
        }
        return g.withEvidence(e.judged(false, why));
    }

    /** Effect-size gates so that a statistically clear but tiny change is not called an incident. */
    private static boolean meaningful(GroupStats g, int stride) {
        double rate = g.incidentBadRate();
        double ref = g.referenceBadRate();
        return g.excess() >= MIN_EXCESS * stride && rate - ref >= MIN_RISE && rate >= MIN_RATIO * ref;
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
