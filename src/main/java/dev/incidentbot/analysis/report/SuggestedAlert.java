package dev.incidentbot.analysis.report;

/**
 * The alert that would have caught this incident, for the postmortem's "alerts to create".
 *
 * @param metric "p95 latency" or "failure rate"
 * @param dimension the dimension to split the alert by
 * @param thresholdMs latency threshold (0 for failure-rate alerts)
 * @param thresholdRate failure-rate threshold (0 for latency alerts)
 * @param text one sentence for humans
 */
public record SuggestedAlert(String metric, String dimension, double thresholdMs, double thresholdRate,
                             String text) {
}
