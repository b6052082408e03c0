package dev.incidentbot.analysis.report;

import dev.incidentbot.analysis.cause.GroupStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The computed details behind a report: the windows compared, totals, every scored group and the culprit.
 *
 * @param windowStart first instant of the worse regime (null when the log has no time variation)
 * @param windowEnd end of the worse regime when traffic recovered inside the log, else null
 * @param changeScore t-like score of the change point
 * @param bucketSeconds bucket width of the time series, 0 when one bucket per timestamp
 * @param slowThresholdMs 1.2 x overall baseline p95; a request counts as slow above 1.2 x the baseline p95 of its
 *     own groups (those with 100+ baseline requests), else above this
 * @param baselineRequests requests before the change
 * @param baselineBad slow-or-failed requests before the change
 * @param incidentRequests requests in the worse regime
 * @param incidentBad slow-or-failed requests in the worse regime
 * @param culprit the root-cause group, null when no_anomaly
 * @param rest the incident-window traffic outside the culprit (what is unaffected), null when no_anomaly
 * @param peers other values of the culprit's dimension(s) in the incident window
 * @param breakdown per other dimension, the culprit split by that dimension's values (where it hurts)
 * @param groups every single dimension value scored, best first
 * @param refinements combinations tried on top of the culprit's first attribute
 * @param dimensionSurprise per dimension, Jensen-Shannon divergence (bits) of its values among slow-or-failed
 *     incident requests versus the baseline
 * @param suggestedAlert alert that would have caught it, null when no_anomaly
 * @param logStart first timestamp of the log
 * @param logEnd last timestamp of the log
 * @param furtherCauses causes beyond the culprit, strongest first, each counted on the traffic the culprit and the
 *     earlier ones leave (Causes); empty when there is one cause or none
 */
public record Analysis(Instant windowStart, Instant windowEnd, double changeScore, long bucketSeconds,
                       double slowThresholdMs, long baselineRequests, long baselineBad, long incidentRequests,
                       long incidentBad, GroupStats culprit, GroupStats rest, List<GroupStats> peers,
                       Map<String, List<GroupStats>> breakdown, List<GroupStats> groups,
                       List<GroupStats> refinements, Map<String, Double> dimensionSurprise,
                       SuggestedAlert suggestedAlert, Instant logStart, Instant logEnd,
                       List<GroupStats> furtherCauses) {
}
