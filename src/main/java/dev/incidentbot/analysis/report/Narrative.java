package dev.incidentbot.analysis.report;

import dev.incidentbot.analysis.cause.Contrast;
import dev.incidentbot.analysis.cause.Evidence;
import dev.incidentbot.analysis.cause.Fmt;
import dev.incidentbot.analysis.cause.GroupStats;
import dev.incidentbot.analysis.cause.LatencyStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes the headline and the evidence bullets from the computed facts, numbers included. */
public final class Narrative {
    private Narrative() {
    }

    public static String headline(Facts f) {
        if (f.culprit() == null) {
            return noAnomalyHeadline(f);
        }
        GroupStats c = f.culprit();
        String failures = c.incidentTimeouts() * 2 >= c.incidentFailed() ? "timeouts" : "failures";
        String what = f.slow() && f.failing() ? "the slowdown and the " + failures
                : f.failing() && !f.slow() ? "the " + failures : "the slowdown";
        StringBuilder sb = new StringBuilder();
        sb.append(c.label()).append(" is behind ").append(what).append(" since ").append(f.t().at(f.startedAt()));
        List<String> parts = new ArrayList<>();
        if (f.slow() || !f.failing()) {
            parts.add("p95 " + Fmt.ms(c.incidentLatency().p95()) + " vs " + Fmt.ms(f.referenceLatency().p95()));
        }
        if (c.incidentTimeouts() > 0 && f.failing()) {
            parts.add(Fmt.of(c.incidentTimeouts(), c.incidentRequests()) + " timed out");
        } else if (c.incidentFailed() > 0 && f.failing()) {
            parts.add(Fmt.of(c.incidentFailed(), c.incidentRequests()) + " failed");
        }
        if (!parts.isEmpty()) {
            sb.append(": ").append(String.join(", ", parts));
        }
        List<GroupStats> more = f.a().furtherCauses();
        if (!more.isEmpty()) {
            List<String> labels = new ArrayList<>();
            for (GroupStats g : more) {
                labels.add(g.label());
            }
            sb.append("; also ").append(String.join("; ", labels));
        }
        return sb.toString();
    }

    private static String noAnomalyHeadline(Facts f) {
        Analysis a = f.a();
        long total = a.baselineRequests() + a.incidentRequests();
        if (f.t().windowStart() == null) {
            return "No anomaly: " + requests(total) + ", p95 " + Fmt.ms(f.baselineLatency().p95()) + " and "
                    + Fmt.pct(f.baselineFailureRate()) + " failed, steady over the whole log";
        }
        return "No anomaly: no dimension value got significantly slower or failed more after "
                + f.t().at(f.t().windowStart()) + " (" + requests(total) + "; p95 " + Fmt.ms(f.baselineLatency().p95())
                + " before vs " + Fmt.ms(f.incidentLatency().p95()) + " after, failures "
                + Fmt.pct(f.baselineFailureRate()) + " vs " + Fmt.pct(f.incidentFailureRate()) + ")";
    }

    public static List<String> evidence(Facts f) {
        List<String> out = new ArrayList<>();
        Analysis a = f.a();
        if (f.culprit() == null && f.t().windowStart() == null) {
            out.add("Whole log: " + requests(a.baselineRequests()) + ", latency " + Fmt.latency(f.baselineLatency())
                    + ", " + Fmt.pct(f.baselineFailureRate()) + " failed; no change point in p95 latency or failure "
                    + "rate stands out from noise.");
            return out;
        }
        if (f.culprit() == null) {
            out.add("Before " + f.t().at(f.t().windowStart()) + ": " + requests(a.baselineRequests()) + ", latency "
                    + Fmt.latency(f.baselineLatency()) + ", " + Fmt.pct(f.baselineFailureRate()) + " failed.");
            out.add("After: " + requests(a.incidentRequests()) + ", latency " + Fmt.latency(f.incidentLatency())
                    + ", " + Fmt.pct(f.incidentFailureRate()) + " failed.");
            GroupStats top = a.groups().isEmpty() ? null : a.groups().get(0);
            if (top != null) {
                out.add("Strongest candidate " + top.label() + ": " + Fmt.of(top.incidentBad(), top.incidentRequests())
                        + " slow or failed against a reference rate of " + Fmt.pct(top.referenceBadRate())
                        + ", p " + eq(top.pValue()) + " — not convincing: "
                        + (top.evidence() == null ? "no evidence" : top.evidence().reason()) + ".");
            }
            return out;
        }
        GroupStats c = f.culprit();
        out.add(c.label() + (c.isNew() ? " (new: first seen " + f.t().at(f.startedAt()) + ")"
                : " (before: " + requests(c.baselineRequests()) + ", " + Fmt.latency(c.baselineLatency()) + ", "
                + Fmt.of(c.baselineFailed(), c.baselineRequests()) + " failed)")
                + ": " + requests(c.incidentRequests()) + " since " + f.t().at(f.startedAt()) + ", latency "
                + Fmt.latency(c.incidentLatency()) + "; " + outcomes(c) + ".");
        int shown = 0;
        for (GroupStats p : f.peers()) {
            if (shown++ == 3) {
                break;
            }
            boolean healthy = !p.significant();
            out.add(p.label() + (healthy ? " (unaffected)" : " (also affected)") + ": " + requests(p.requests())
                    + " before and during the incident, latency " + Fmt.latency(p.allLatency()) + "; " + outcomesAll(p)
                    + (p.baselineRequests() > 0 ? " (since " + f.t().at(f.t().windowStart()) + ": "
                    + requests(p.incidentRequests()) + ", p95 " + Fmt.ms(p.incidentLatency().p95()) + ")" : "")
                    + ".");
        }
        LatencyStats ref = f.referenceLatency();
        if (!c.incidentLatency().isEmpty() && !ref.isEmpty() && ref.p95() > 0 && ref.p50() > 0) {
            String against = c.isNew() || c.baselineLatency().count() < Contrast.MIN_OWN_BASELINE
                    ? "all other traffic" : "its own baseline";
            out.add("Slowdown: p95 " + Fmt.ms(c.incidentLatency().p95()) + " vs " + Fmt.ms(ref.p95()) + " for "
                    + against + " (" + Fmt.ratio(c.incidentLatency().p95() / ref.p95()) + "), p50 "
                    + Fmt.ms(c.incidentLatency().p50()) + " vs " + Fmt.ms(ref.p50()) + " ("
                    + Fmt.ratio(c.incidentLatency().p50() / ref.p50()) + ").");
        }
        for (Map.Entry<String, List<GroupStats>> e : f.breakdown().entrySet()) {
            List<GroupStats> parts = e.getValue();
            if (parts.size() < 2) {
                continue;
            }
            List<String> items = new ArrayList<>();
            boolean everywhere = true;
            for (GroupStats g : parts) {
                String v = g.attributes().get(e.getKey());
                items.add(v + " " + Fmt.of(g.incidentBad(), g.incidentRequests()) + " slow or failed");
                everywhere &= g.incidentBadRate() >= 0.5 * c.incidentBadRate();
            }
            out.add("By " + e.getKey() + " within " + c.label() + ": " + String.join(", ", items)
                    + (everywhere ? " — affected on every " + e.getKey() + ", so " + e.getKey()
                    + " is not the cause." : "."));
        }
        for (GroupStats g : a.furtherCauses()) {
            out.add("Further cause " + g.label() + ": " + Fmt.of(g.incidentBad(), g.incidentRequests())
                    + " slow or failed against " + Fmt.pct(g.referenceBadRate()) + " (" + g.reference()
                    + "), explains " + Fmt.pct(Math.min(1, g.share())) + " of the excess (counted on the traffic "
                    + "the causes named before it leave).");
        }
        for (GroupStats d : f.decoys()) {
            out.add("Not blamed: " + d.label() + " was already slow or failing before the change ("
                    + Fmt.pct((double) d.baselineBad() / Math.max(1, d.baselineRequests())) + " of requests before, "
                    + Fmt.pct(d.incidentBadRate()) + " after; p95 " + Fmt.ms(d.baselineLatency().p95()) + " before, "
                    + Fmt.ms(d.incidentLatency().p95()) + " after).");
        }
        if (f.rest() != null && f.rest().incidentRequests() > 0 && (c.attributes().size() > 1 || f.peers().isEmpty())) {
            GroupStats r = f.rest();
            out.add("Everything else since the start: " + requests(r.incidentRequests()) + ", latency "
                    + Fmt.latency(r.incidentLatency()) + "; " + outcomes(r) + ".");
        }
        long inc = a.incidentRequests();
        out.add("Impact: " + c.incidentBad() + " slow or failed requests of " + c.incidentRequests() + " to "
                + c.label() + ", which carried " + Fmt.pct((double) c.incidentRequests() / Math.max(1, inc))
                + " of the " + requests(inc) + " since " + f.t().at(f.t().windowStart())
                + (f.t().windowEnd() != null ? " (until " + f.t().at(f.t().windowEnd()) + ", when it recovered)" : "")
                + (f.t().logEnd() != null && f.startedAt() != null ? "; the log ends "
                + f.t().span(f.startedAt(), f.t().logEnd()) + " after the start" : "") + ".");
        out.add("Scores: explains " + Fmt.pct(Math.min(1, c.share())) + " of the excess slow or failed requests; "
                + "lift " + Fmt.ratio(c.lift()) + "; p " + eq(c.pValue()) + " (Holm-adjusted p " + eq(c.adjustedP()) + ", "
                + c.reference() + ")" + evidence(c) + surprise(f) + ".");
        if (c.evidence() != null && c.evidence().runnerUp() != null) {
            out.add("Close call: " + c.evidence().runnerUp() + " explains nearly as much (net evidence "
                    + Fmt.fixed(c.evidence().runnerUpNet(), 1) + " nats against " + Fmt.fixed(c.net(), 1)
                    + "); check it too before acting on " + c.label() + ".");
        }
        return out;
    }

    /** "; likelihood ratio 10.4 nats less 3.0 for its 1 attribute", the evidence behind the size chosen. */
    private static String evidence(GroupStats c) {
        Evidence e = c.evidence();
        return e == null ? "" : "; likelihood ratio " + Fmt.fixed(e.llr(), 1) + " nats less " + Fmt.fixed(e.cost(), 1)
                + " for " + c.attributes().size() + (c.attributes().size() == 1 ? " attribute" : " attributes");
    }

    /** "1 request", "7 requests". */
    private static String requests(long n) {
        return n == 1 ? "1 request" : n + " requests";
    }

    /** "= 0.0179", or "< 1e-300" when the p-value underflows. */
    private static String eq(double p) {
        String s = Fmt.p(p);
        return s.startsWith("<") ? s : "= " + s;
    }

    private static String surprise(Facts f) {
        Map<String, Double> s = f.a().dimensionSurprise();
        if (s.isEmpty()) {
            return "";
        }
        List<String> items = new ArrayList<>();
        for (var e : s.entrySet()) {
            items.add(e.getKey() + " " + e.getValue());
        }
        return "; JS surprise (bits) " + String.join(", ", items);
    }

    /** Outcomes over the whole log: "3 of 3 OK" or "2 of 40 failed (5%)". */
    static String outcomesAll(GroupStats g) {
        long n = g.requests();
        return g.failed() == 0 ? Fmt.of(n, n) + " OK"
                : Fmt.of(g.failed(), n) + " failed (" + Fmt.pct((double) g.failed() / n) + ")";
    }

    /** "4 of 5 timed out (80%)", "3 of 3 OK", "2 of 40 failed (5%)". */
    static String outcomes(GroupStats g) {
        long n = g.incidentRequests();
        if (g.incidentFailed() == 0) {
            return Fmt.of(n, n) + " OK";
        }
        StringBuilder sb = new StringBuilder();
        if (g.incidentTimeouts() > 0) {
            sb.append(Fmt.of(g.incidentTimeouts(), n)).append(" timed out (")
                    .append(Fmt.pct((double) g.incidentTimeouts() / n)).append(')');
        }
        long errors = g.incidentFailed() - g.incidentTimeouts();
        if (errors > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append(Fmt.of(errors, n)).append(" failed (")
                    .append(Fmt.pct((double) errors / n)).append(')');
        }
        return sb.toString();
    }
}
