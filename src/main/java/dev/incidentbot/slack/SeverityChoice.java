package dev.incidentbot.slack;

import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import java.util.concurrent.ExecutorService;

/**
 * A click that sets an incident's severity from an {@code INC-…|SEVn} value (the announcement's select, the analysis's
 * Apply button): applied off the request thread, a mistake answered privately.
 */
final class SeverityChoice {
    private SeverityChoice() {
    }

    static void apply(ExecutorService work, SlackApi api, IncidentService incidents, String value, String user,
                      String responseUrl, String what) {
        work.submit(() -> {
            try {
                String[] parts = value.split("\\|", 2);
                incidents.changeSeverity(parts[0], user, Severity.parse(parts.length > 1 ? parts[1] : ""));
            } catch (Throwable e) {
                Failures.respond(api, responseUrl, e, what);
            }
        });
    }
}
