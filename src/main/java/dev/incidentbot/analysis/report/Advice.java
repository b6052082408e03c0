package dev.incidentbot.analysis.report;

import dev.incidentbot.analysis.cause.Fmt;
import dev.incidentbot.analysis.cause.GroupStats;
import dev.incidentbot.analysis.input.InputSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Chooses the one immediate action, the one prevention, the retro notes and the alert from the finding. */
public final class Advice {
    private Advice() {
    }

    /** A latency threshold a notch above healthy p95 (1.5x, two significant digits). */
    static double threshold(double healthyP95) {
        double t = Math.max(1, healthyP95 * 1.5);
        double mag = Math.pow(10, Math.floor(Math.log10(t)) - 1);
        return Math.ceil(t / mag) * mag;
    }

    static double rateThreshold(double healthyRate) {
        return Math.max(0.01, Math.ceil(healthyRate * 2 * 100) / 100);
    }

    public static SuggestedAlert alert(Facts f) {
        if (f.culprit() == null) {
            double t = threshold(f.baselineLatency().p95());
            return new SuggestedAlert("p95 latency", null, t, 0,
                    "Alert when overall p95 latency exceeds " + Fmt.ms(t) + " for 5 minutes (p95 is "
                            + Fmt.ms(f.baselineLatency().p95()) + " today).");
        }
        String dim = f.lead().getKey();
        if (f.slow() || !f.failing()) {
            double healthy = f.referenceLatency().p95();
            double t = threshold(healthy);
            return new SuggestedAlert("p95 latency", dim, t, 0, "Alert when p95 latency of any " + dim + " exceeds "
                    + Fmt.ms(t) + " for 5 minutes (healthy p95 is " + Fmt.ms(healthy) + ").");
        }
        double r = rateThreshold(f.referenceFailureRate());
        return new SuggestedAlert("failure rate", dim, 0, r, "Alert when the failure rate (5xx, timeouts) of any "
                + dim + " exceeds " + Fmt.pct(r) + " for 5 minutes (healthy rate is "
                + Fmt.pct(f.referenceFailureRate()) + ").");
    }

    public static String immediateAction(Facts f, SuggestedAlert alert) {
        if (f.culprit() == null) {
            return "No rollback or drain is indicated by this log: nothing got significantly worse. Check whether "
                    + "the complaint comes from elsewhere (client-side timeouts, a dependency not in this log) and "
                    + "re-run the analysis on a log that covers the reported time.";
        }
        Map.Entry<String, String> lead = f.lead();
        String dim = lead.getKey();
        String value = lead.getValue();
        GroupStats peer = f.healthyPeer();
        String peerValue = peer == null ? null : peer.attributes().get(dim);
        String scope = f.culprit().attributes().size() > 1 ? " (the trouble is on " + f.culprit().label() + ")" : "";
        String action = switch (Facts.kindOf(dim)) {
            case VERSION -> "Roll back " + dim + " " + value + (peerValue != null ? " to " + peerValue
                    + " (route all traffic to " + peerValue + ", which stayed healthy)" : " to the previous version")
                    + scope + ".";
            case HOST -> "Drain " + dim + " " + value + ": take it out of the load balancer (or cordon it) so its "
                    + "traffic goes to the healthy " + (peerValue != null ? dim + "s such as " + peerValue : dim + "s")
                    + scope + ".";
            case ENDPOINT -> "Shed or disable " + value + " (feature flag or rate limit at the gateway) to protect "
                    + "the rest of the API while it is investigated" + scope + ".";
            case REGION -> "Fail traffic over from " + dim + " " + value + (peerValue != null ? " to " + peerValue
                    : " to a healthy " + dim) + scope + ".";
            case CLIENT -> "Rate-limit " + dim + " " + value + " to protect other clients" + scope + ".";
            case OTHER -> "Isolate the traffic with " + f.culprit().label() + " (route it away or switch it off).";
        };
        String check;
        if (alert.metric().equals("p95 latency")) {
            check = " Check that it worked: within 10 minutes p95 latency is back under " + Fmt.ms(alert.thresholdMs())
                    + " (healthy traffic runs at " + Fmt.ms(f.referenceLatency().p95()) + ")"
                    + (f.culprit().incidentFailed() > 0 ? " and timeouts and errors drop to the usual "
                    + Fmt.pct(f.referenceFailureRate()) : "")
                    + "; re-run this analysis on the next 10 minutes of logs and expect no_anomaly.";
        } else {
            check = " Check that it worked: within 10 minutes the failure rate is back under "
                    + Fmt.pct(alert.thresholdRate()) + " (it was " + Fmt.pct(f.culprit().incidentFailureRate())
                    + " on " + f.culprit().label() + "); re-run this analysis on fresh logs and expect no_anomaly.";
        }
        return action + check;
    }

    public static String prevention(Facts f, SuggestedAlert alert) {
        if (f.culprit() == null) {
            return "Keep a latency alert as a tripwire: " + alert.text();
        }
        String dim = f.lead().getKey();
        String limits = alert.metric().equals("p95 latency")
                ? "its p95 exceeds " + Fmt.ms(alert.thresholdMs()) + " or its timeout/error rate exceeds "
                + Fmt.pct(rateThreshold(f.referenceFailureRate()))
                : "its failure rate exceeds " + Fmt.pct(alert.thresholdRate());
        return switch (Facts.kindOf(dim)) {
            case VERSION -> "Canary every new " + dim + " with automatic rollback: send 5% of traffic to it for 30 "
                    + "minutes, compare it with the current version, and roll back automatically when " + limits
                    + "; promote in steps (5% → 25% → 100%) only while it holds.";
            case HOST -> "Automatic outlier ejection per " + dim + ": health checks that drain a " + dim
                    + " for which " + limits.replace("its ", "the ") + " over 2 minutes, plus the alert: "
                    + alert.text();
            case ENDPOINT -> "A per-endpoint latency SLO with an alert and a load test in CI for "
                    + f.lead().getValue() + ": " + alert.text();
            case REGION -> "Per-" + dim + " alerting with automatic failover when " + limits + ": " + alert.text();
            case CLIENT -> "Per-" + dim + " quotas and rate limits, with an alert: " + alert.text();
            case OTHER -> "A per-" + dim + " alert: " + alert.text();
        };
    }

    public static List<String> retroNotes(Facts f, SuggestedAlert alert) {
        List<String> notes = new ArrayList<>();
        Analysis a = f.a();
        InputSummary in = f.input();
        if (f.culprit() == null) {
            notes.add("The log covers " + (f.t().logStart() == null ? "an unknown span" : f.t().at(f.t().logStart()) + " to "
                    + f.t().at(f.t().logEnd())) + " with " + in.records() + " records: if users reported trouble, it "
                    + "is not in these requests — check the time range and the services the log covers.");
            notes.add("Dimensions analysed: " + String.join(", ", in.roles().dimensions())
                    + "; consider logging the model version, upstream and pod on every request so a future "
                    + "incident can be attributed.");
            notes.add("Baseline for alerting: p95 " + Fmt.ms(f.baselineLatency().p95()) + ", failure rate "
                    + Fmt.pct(f.baselineFailureRate()) + ".");
            dataQuality(in, notes);
            return notes;
        }
        GroupStats c = f.culprit();
        String dim = f.lead().getKey();
        if (f.startedAt() != null && f.t().logEnd() != null) {
            String fire = f.thirdBad() == null ? "" : "; a per-" + dim + " alert (" + alert.metric()
                    + ") could have fired at " + f.t().at(f.thirdBad()) + ", "
                    + f.t().span(f.startedAt(), f.thirdBad()) + " after the start";
            String span = f.t().windowEnd() != null
                    ? " and lasted " + f.t().span(f.startedAt(), f.t().windowEnd())
                    + " until it recovered at " + f.t().at(f.t().windowEnd())
                    : " and the log runs " + f.t().span(f.startedAt(), f.t().logEnd()) + " further";
            notes.add("Detection gap: trouble started at " + f.t().at(f.startedAt()) + span + ", with "
                    + c.incidentBad() + " slow or failed requests on " + c.label() + fire
                    + ". Did we learn from monitoring or from customers?");
        }
        double share = (double) c.incidentRequests() / Math.max(1, a.incidentRequests());
        if (c.isNew()) {
            notes.add("Blast radius: " + c.label() + " took " + Fmt.pct(share) + " of traffic from its first "
                    + "request; no canary stage held it back until it proved healthy.");
        } else {
            notes.add("Blast radius: " + c.label() + " carried " + Fmt.pct(share) + " of traffic and was healthy "
                    + "before (p95 " + Fmt.ms(c.baselineLatency().p95()) + ") — what changed in it at "
                    + f.t().at(f.startedAt()) + " (deploy, config, dependency)?");
        }
        GroupStats peer = f.healthyPeer();
        if (peer != null) {
            notes.add(peer.label() + " stayed healthy (" + Fmt.latency(peer.allLatency()) + ", "
                    + Narrative.outcomesAll(peer) + "), so the platform was fine and the fault is specific to "
                    + c.label() + "; the fastest fix was to take it out of service, not to debug it live.");
        } else {
            notes.add("Everything outside " + c.label() + " stayed at its usual latency, so the fault is specific to "
                    + "it; make " + dim + " a label on latency dashboards.");
        }
        dataQuality(in, notes);
        return notes.subList(0, Math.min(4, notes.size()));
    }

    private static void dataQuality(InputSummary in, List<String> notes) {
        if (in.repaired() + in.skipped() > 0) {
            List<String> why = new ArrayList<>();
            for (var e : in.repairReasons().entrySet()) {
                why.add(e.getValue() + " repaired: " + e.getKey());
            }
            for (var e : in.skipReasons().entrySet()) {
                why.add(e.getValue() + " skipped: " + e.getKey());
            }
            notes.add("The log itself was broken (" + String.join("; ", why) + "): fix the emitter so responders "
                    + "can query it with standard tools during the next incident.");
        } else if (notes.size() < 4) {
            notes.add("Keep " + in.roles().dimensions() + " on every request log line: they are what made this "
                    + "analysis possible.");
        }
    }
}
