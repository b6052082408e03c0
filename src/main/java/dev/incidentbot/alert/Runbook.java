package dev.incidentbot.alert;

import java.util.List;

/** A runbook offered as the first steps of an incident whose alert matches it (the seed's three by default). */
public record Runbook(String name, LabelMatcher match, String url, List<String> steps) {
    public Runbook {
        steps = List.copyOf(steps);
    }

    /** The seed policy's runbooks: model unavailable, high error rate, accuracy degradation; matched by alert name. */
    public static List<Runbook> seed() {
        return List.of(
                new Runbook("Model unavailable", LabelMatcher.of("alertname", "(?i).*(unavailable|down|unreachable|health).*"), null, List.of(
                        "Verify the alert is real: check the /health endpoint and the metrics dashboard",
                        "Check logs for errors: pod crash logs, application errors, database connection errors",
                        "Quick fixes: restart the service, check memory/CPU, verify the database connection",
                        "If not fixed: roll back to the last known good version and page on-call",
                        "Escalate: still broken after 10 min → page the manager; after 20 min → page the director")),
                new Runbook("High error rate", LabelMatcher.of("alertname", "(?i).*(error|5xx|failure).*"), null, List.of(
                        "Identify the error type: check error logs, sample failing requests, look for patterns",
                        "Determine the scope: all users or a segment? all features or one? recent deployments?",
                        "Investigate: recent model deployment, recent data changes, input validation, resource use",
                        "Respond: data issue → restart the pipeline or roll back the data version; model issue → switch to the"
                                + " fallback or roll back the model; infrastructure → add replicas or fail over to another region")),
                new Runbook("Accuracy degradation", LabelMatcher.of("alertname", "(?i).*(accuracy|drift).*"), null, List.of(
                        "Confirm: run validation on the test set, check for data drift, compare to the baseline accuracy",
                        "Investigate: recent data changes, input distribution changes, recent deployments",
                        "Root cause: data quality, concept drift, a feature engineering change, a preprocessing bug?",
                        "Act: short term roll back the model; medium term find the root cause; long term retrain with new data")));
    }
}
