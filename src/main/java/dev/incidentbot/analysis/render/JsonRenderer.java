package dev.incidentbot.analysis.render;

import dev.incidentbot.analysis.cause.Evidence;
import dev.incidentbot.analysis.cause.Fmt;
import dev.incidentbot.analysis.cause.GroupStats;
import dev.incidentbot.analysis.cause.LatencyStats;
import dev.incidentbot.analysis.input.FieldRoles;
import dev.incidentbot.analysis.input.InputSummary;
import dev.incidentbot.analysis.report.Analysis;
import dev.incidentbot.analysis.report.Report;
import dev.incidentbot.analysis.report.SuggestedAlert;
import dev.incidentbot.analysis.report.Timeline;
import java.util.List;
import java.util.Map;

/** The report as JSON: the CONTRACT keys (verdict, input, rootCause) plus per-group statistics and scores. */
public final class JsonRenderer {
    private JsonRenderer() {
    }

    public static String render(Report r) {
        Json j = new Json().open();
        Analysis a = r.analysis();
        j.field("verdict", r.verdict());
        j.field("headline", r.headline());
        input(j.key("input"), r.input());
        if (a.culprit() == null) {
            j.field("rootCause", null);
        } else {
            GroupStats c = a.culprit();
            j.key("rootCause").open();
            j.field("attributes", r.rootCauseAttributes());
            j.field("startedAt", r.startedAt() == null ? null : Fmt.iso(r.startedAt()));
            j.field("label", c.label());
            j.field("isNew", c.isNew());
            stats(j, c);
            j.close();
        }
        // every named cause, strongest first: the first is rootCause, the others were searched on what it left
        j.key("rootCauses").openArray();
        if (a.culprit() != null) {
            cause(j.item(), a.culprit());
            for (GroupStats g : a.furtherCauses()) {
                cause(j.item(), g);
            }
        }
        j.closeArray();
        j.key("window").open();
        j.field("start", a.windowStart() == null ? null : Fmt.iso(a.windowStart()));
        j.field("end", a.windowEnd() == null ? null : Fmt.iso(a.windowEnd()));
        j.field("logStart", a.logStart() == null ? null : Fmt.iso(a.logStart()));
        j.field("logEnd", a.logEnd() == null ? null : Fmt.iso(a.logEnd()));
        j.field("changeScore", a.changeScore());
        j.field("bucketSeconds", a.bucketSeconds());
        j.field("slowThresholdMs", a.slowThresholdMs());
        j.key("baseline").open().field("requests", a.baselineRequests()).field("slowOrFailed", a.baselineBad()).close();
        j.key("incident").open().field("requests", a.incidentRequests()).field("slowOrFailed", a.incidentBad()).close();
        j.close();
        j.field("evidence", r.evidence());
        j.field("immediateAction", r.immediateAction());
        j.field("prevention", r.prevention());
        j.field("retroNotes", r.retroNotes());
        SuggestedAlert al = a.suggestedAlert();
        if (al == null) {
            j.field("suggestedAlert", null);
        } else {
            j.key("suggestedAlert").open().field("metric", al.metric()).field("dimension", al.dimension())
                    .field("threshold_ms", al.thresholdMs()).field("threshold_rate", al.thresholdRate())
                    .field("text", al.text()).close();
        }
        groups(j.key("unaffected"), a.peers());
        groups(j.key("groups"), a.groups().subList(0, Math.min(50, a.groups().size())));
        groups(j.key("refinements"), a.refinements());
        j.key("breakdown").open();
        for (Map.Entry<String, List<GroupStats>> e : a.breakdown().entrySet()) {
            groups(j.key(e.getKey()), e.getValue());
        }
        j.close();
        j.field("dimensionSurprise", a.dimensionSurprise());
        if (r.timeline() != null) {
            // only when the series was asked for, so the keys above stay as they were without it
            series(j.key("series"), r.timeline());
        }
        return j.close().toString() + "\n";
    }

    private static void series(Json j, Timeline t) {
        j.open();
        j.field("from", Fmt.iso(t.from()));
        j.field("bucketSeconds", t.bucketSeconds());
        j.field("onset", t.onset() == null ? null : Fmt.iso(t.onset()));
        line(j.key("culprit"), t.culprit());
        line(j.key("rest"), t.rest());
        line(j.key("overall"), t.overall());
        j.close();
    }

    private static void line(Json j, Timeline.Series s) {
        if (s == null) {
            j.value(null);
            return;
        }
        j.open().field("label", s.label());
        j.key("points").openArray();
        for (Timeline.Point p : s.points()) {
            j.item().open().field("start", Fmt.iso(p.start())).field("requests", p.requests())
                    .field("failed", p.failed()).field("failureRate", p.failureRate()).field("p95Ms", p.p95Ms())
                    .close();
        }
        j.closeArray();
        j.close();
    }

    private static void input(Json j, InputSummary in) {
        j.open();
        j.field("source", in.source());
        j.field("format", in.format());
        j.field("records", in.records());
        j.field("repaired", in.repaired());
        j.field("skipped", in.skipped());
        j.field("repairReasons", in.repairReasons());
        j.field("skipReasons", in.skipReasons());
        j.field("sampledStride", in.sampledStride());
        FieldRoles f = in.roles();
        j.key("fields").open();
        j.field("time", f.timeField());
        j.field("latency", f.latencyField());
        j.field("latencyUnit", f.latencyUnit());
        j.field("outcome", f.outcomeField());
        j.field("failureValues", f.failureValues());
        j.field("dimensions", f.dimensions());
        j.field("ignored", f.ignored());
        j.close();
        j.close();
    }

    private static void cause(Json j, GroupStats g) {
        j.open();
        j.field("attributes", g.attributes());
        j.field("label", g.label());
        j.field("isNew", g.isNew());
        stats(j, g);
        j.close();
    }

    private static void groups(Json j, List<GroupStats> gs) {
        j.openArray();
        for (GroupStats g : gs) {
            j.item().open();
            j.field("attributes", g.attributes());
            j.field("isNew", g.isNew());
            stats(j, g);
            j.close();
        }
        j.closeArray();
    }

    private static void stats(Json j, GroupStats g) {
        j.key("baseline").open().field("requests", g.baselineRequests()).field("slowOrFailed", g.baselineBad())
                .field("failed", g.baselineFailed());
        latency(j.key("latencyMs"), g.baselineLatency());
        j.close();
        j.key("incident").open().field("requests", g.incidentRequests()).field("slowOrFailed", g.incidentBad())
                .field("failed", g.incidentFailed()).field("timedOut", g.incidentTimeouts())
                .field("failureRate", g.incidentFailureRate());
        latency(j.key("latencyMs"), g.incidentLatency());
        j.close();
        j.key("scores").open().field("reference", g.reference()).field("referenceBadRate", g.referenceBadRate())
                .field("excess", g.excess()).field("share", g.share()).field("lift", g.lift())
                .field("pValue", g.pValue()).field("adjustedP", g.adjustedP()).field("significant", g.significant());
        Evidence e = g.evidence();
        if (e != null) {
            j.field("logLikelihoodRatio", e.llr()).field("attributeCost", e.cost()).field("netEvidence", e.net())
                    .field("decision", e.reason());
            if (e.runnerUp() != null) {
                j.field("runnerUp", e.runnerUp()).field("runnerUpNetEvidence", e.runnerUpNet());
            }
        }
        j.close();
    }

    private static void latency(Json j, LatencyStats l) {
        if (l == null || l.isEmpty()) {
            j.value(null);
            return;
        }
        j.open().field("count", l.count()).field("min", l.min()).field("p50", l.p50()).field("p95", l.p95())
                .field("p99", l.p99()).field("max", l.max()).field("mean", l.mean()).field("exact", l.exact())
                .close();
    }
}
