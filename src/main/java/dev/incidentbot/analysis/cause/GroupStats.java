package dev.incidentbot.analysis.cause;

import java.util.Map;

/**
 * One dimension value (or combination) compared before and after the change: counts, latency and the scores
 * that rank it as a cause.
 *
 * @param allLatency latency before and during the incident together (a recovered tail is left out)
 * @param attributes dimension to value, e.g. {modelVersion=v1.3}
 * @param isNew true when the group has no request before the change (a newly deployed version)
 * @param reference what it is compared with: "own baseline" or "all other traffic" (new or tiny baseline)
 * @param referenceBadRate share of slow-or-failed requests in the reference
 * @param excess slow-or-failed requests in the incident window beyond what the reference rate predicts
 * @param share excess as a share of all the excess in the incident window (explanatory power)
 * @param lift slow-or-failed rate of the group divided by that of the whole incident window
 * @param pValue one-sided p of "worse than its reference" (Fisher exact or G-test)
 * @param adjustedP Holm-adjusted across the single values tested together: reported, not decisive (see Evidence)
 * @param significant whether it convinces as a cause (see RootCause.convinces)
 * @param evidence likelihood ratio, attribute cost and the reasoning of the decision
 */
public record GroupStats(Map<String, String> attributes, boolean isNew,
                         long baselineRequests, long baselineBad, long baselineFailed,
                         long incidentRequests, long incidentBad, long incidentFailed, long incidentTimeouts,
                         LatencyStats baselineLatency, LatencyStats incidentLatency, LatencyStats allLatency,
                         String reference, double referenceBadRate, double excess, double share, double lift,
                         double pValue, double adjustedP, boolean significant, Evidence evidence) {

    /** "modelVersion=v1.3" or "endpoint=/x, pod=p2". */
    public String label() {
        StringBuilder sb = new StringBuilder();
        for (var e : attributes.entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    public double incidentBadRate() {
        return incidentRequests == 0 ? 0 : (double) incidentBad / incidentRequests;
    }

    public double incidentFailureRate() {
        return incidentRequests == 0 ? 0 : (double) incidentFailed / incidentRequests;
    }

    public long requests() {
        return baselineRequests + incidentRequests;
    }

    public long failed() {
        return baselineFailed + incidentFailed;
    }

    public double baselineFailureRate() {
        return baselineRequests == 0 ? 0 : (double) baselineFailed / baselineRequests;
    }

    GroupStats withAdjusted(double adj, boolean sig) {
        return new GroupStats(attributes, isNew, baselineRequests, baselineBad, baselineFailed, incidentRequests,
                incidentBad, incidentFailed, incidentTimeouts, baselineLatency, incidentLatency, allLatency, reference,
                referenceBadRate, excess, share, lift, pValue, adj, sig, evidence);
    }

    GroupStats withEvidence(Evidence e) {
        return new GroupStats(attributes, isNew, baselineRequests, baselineBad, baselineFailed, incidentRequests,
                incidentBad, incidentFailed, incidentTimeouts, baselineLatency, incidentLatency, allLatency, reference,
                referenceBadRate, excess, share, lift, pValue, adjustedP, e.convincing(), e);
    }

    /** The ranking score across sizes: evidence net of the attribute cost. */
    public double net() {
        return evidence == null ? Double.NEGATIVE_INFINITY : evidence.net();
    }
}
