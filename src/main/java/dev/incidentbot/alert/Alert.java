package dev.incidentbot.alert;

import java.time.Instant;
import java.util.Map;

/**
 * One alert from a monitoring system, normalised whatever its format: who sent it, its identity (fingerprint),
 * the group it was notified in, its state, and its untrusted labels and annotations.
 *
 * @param source      "alertmanager", "grafana" or "generic"
 * @param fingerprint stable identity of the alert within its source (generic: the sender's {@code key})
 * @param groupKey    opaque key of the notification group; one group maps to one open incident
 * @param startsAt    when it started firing, null when the sender does not say
 * @param endsAt      when it ended; null while firing (Alertmanager's 0001-01-01 is read as null)
 * @param url         a link back to the source (generatorURL, Grafana panel, generic url); may be null
 */
public record Alert(String source, String fingerprint, String groupKey, Status status, Map<String, String> labels,
                    Map<String, String> annotations, Instant startsAt, Instant endsAt, String url) {

    /** Firing or resolved, as every supported format says it. */
    public enum Status {
        FIRING, RESOLVED;

        public static Status parse(String raw) {
            if ("firing".equalsIgnoreCase(raw)) {
                return FIRING;
            }
            if ("resolved".equalsIgnoreCase(raw)) {
                return RESOLVED;
            }
            return null;
        }
    }

    public Alert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public boolean firing() {
        return status == Status.FIRING;
    }

    /** The alert's name: label {@code alertname}, else its summary, else its fingerprint. */
    public String name() {
        String n = labels.get("alertname");
        if (n != null && !n.isBlank()) {
            return n;
        }
        String s = summary();
        return s != null ? s : fingerprint;
    }

    /** What it says in one line: annotation summary, else title, else description; null when none. */
    public String summary() {
        for (String k : new String[] {"summary", "title", "description", "message"}) {
            String v = annotations.get(k);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    public String runbookUrl() {
        String r = annotations.get("runbook_url");
        return r == null || r.isBlank() ? annotations.get("runbook") : r;
    }
}
