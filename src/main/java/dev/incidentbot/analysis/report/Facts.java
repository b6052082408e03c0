package dev.incidentbot.analysis.report;

import dev.incidentbot.analysis.cause.Contrast;
import dev.incidentbot.analysis.cause.Fmt;
import dev.incidentbot.analysis.cause.GroupStats;
import dev.incidentbot.analysis.cause.LatencyStats;
import dev.incidentbot.analysis.input.InputSummary;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the narrative and the advice are written from, gathered once.
 *
 * @param culprit the root-cause group, null when no_anomaly
 * @param rest incident traffic outside the culprit
 * @param peers other values of the culprit's first dimension in the incident window, busiest first
 * @param breakdown the culprit split by each other dimension
 * @param decoys values that were already slow or failing before the change (not blamed)
 * @param startedAt onset of the culprit's trouble
 * @param thirdBad when the culprit's third slow-or-failed request happened (an alert's earliest firing)
 */
public record Facts(Analysis a, InputSummary input, GroupStats culprit, GroupStats rest, List<GroupStats> peers,
             Map<String, List<GroupStats>> breakdown, List<GroupStats> decoys, Instant startedAt, Instant thirdBad,
             LatencyStats baselineLatency, LatencyStats incidentLatency, double baselineFailureRate,
             double incidentFailureRate, Times t) {

    /**
     * The instants the text talks about; for a log without timestamps they hold record numbers (as epoch
     * milliseconds) and are written "record #N", while the public report leaves them null.
     */
    public record Times(boolean timed, Instant windowStart, Instant windowEnd, Instant logStart, Instant logEnd) {
        String at(Instant i) {
            if (i == null) {
                return "?";
            }
            return timed ? Fmt.time(i) : "record #" + (i.toEpochMilli() + 1);
        }

        String span(Instant from, Instant to) {
            if (timed) {
                return Fmt.duration(java.time.Duration.between(from, to));
            }
            return (to.toEpochMilli() - from.toEpochMilli()) + " records";
        }
    }

    /** What kind of thing the culprit is, which decides the advice. */
    enum Kind { VERSION, HOST, ENDPOINT, REGION, CLIENT, OTHER }

    static Kind kindOf(String dim) {
        String d = dim.toLowerCase(Locale.ROOT);
        if (d.matches(".*(version|release|build|deploy|image|tag|commit|sha|revision|model).*")) {
            return Kind.VERSION;
        }
        if (d.matches(".*(upstream|backend|host|pod|node|instance|server|replica|container|machine|shard|worker"
                + "|kubernetes).*")) {
            return Kind.HOST;
        }
        if (d.matches(".*(endpoint|path|route|url|uri|method|operation|api|handler|rpc).*")) {
            return Kind.ENDPOINT;
        }
        if (d.matches(".*(region|zone|az|dc|datacenter|cluster|location|country).*")) {
            return Kind.REGION;
        }
        if (d.matches(".*(customer|tenant|client|lender|partner|account|org|app).*")) {
            return Kind.CLIENT;
        }
        return Kind.OTHER;
    }

    /** The attribute whose kind drives the advice: versions first, then hosts, endpoints, regions, clients. */
    Map.Entry<String, String> lead() {
        Map.Entry<String, String> best = null;
        for (Map.Entry<String, String> e : culprit.attributes().entrySet()) {
            if (best == null || kindOf(e.getKey()).ordinal() < kindOf(best.getKey()).ordinal()) {
                best = e;
            }
        }
        return best;
    }

    /** Reference latency: the culprit's own baseline when it has one, else the unaffected traffic. */
    LatencyStats referenceLatency() {
        if (!culprit.isNew() && culprit.baselineLatency().count() >= Contrast.MIN_OWN_BASELINE) {
            return culprit.baselineLatency();
        }
        // a new group has no past of its own: compare with all other traffic over the whole log
        return rest.allLatency().isEmpty() ? baselineLatency : rest.allLatency();
    }

    double referenceFailureRate() {
        if (!culprit.isNew() && culprit.baselineRequests() >= Contrast.MIN_OWN_BASELINE) {
            return culprit.baselineFailureRate();
        }
        return rest.requests() == 0 ? 0 : (double) rest.failed() / rest.requests();
    }

    boolean slow() {
        LatencyStats ref = referenceLatency();
        LatencyStats now = culprit.incidentLatency();
        return !now.isEmpty() && !ref.isEmpty() && now.p95() >= 1.5 * ref.p95();
    }

    boolean failing() {
        return culprit.incidentFailureRate() - referenceFailureRate() >= 0.05;
    }

    /** The healthy value to go back or over to (busiest peer without trouble), or null. */
    GroupStats healthyPeer() {
        for (GroupStats p : peers) {
            if (!p.significant() && p.incidentBadRate() <= Math.max(0.2, 2 * a.baselineBad()
                    / Math.max(1.0, a.baselineRequests()))) {
                return p;
            }
        }
        return null;
    }
}
