package dev.incidentbot.incident;

import java.util.List;
import java.util.Map;

/**
 * What monitoring saw when it declared an incident, for the announcement: plain, untrusted text that whoever
 * shows it escapes. It travels with the declaration to the listeners, so the domain says what opened the incident
 * without knowing alerts, and the announcement needs no side channel to find it.
 *
 * @param count      how many signals were firing ({@code name} is the first of them)
 * @param firstSteps the runbook matching the signal, or null
 */
public record Trigger(String name, String source, int count, String summary, Map<String, String> labels, String url,
                      String runbookUrl, FirstSteps firstSteps) {
    public Trigger {
        labels = Map.copyOf(labels);
    }

    /** A runbook's name, link (may be null) and numbered steps. */
    public record FirstSteps(String name, String url, List<String> steps) {
        public FirstSteps {
            steps = List.copyOf(steps);
        }
    }
}
