package dev.incidentbot.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.Severity;

/**
 * PagerDuty Events API v2 bodies, built from an incident; the routing key is left out (it is added at send time, so
 * the outbox never stores it). {@code dedup_key} is the incident id, so trigger, acknowledge and resolve meet.
 */
public final class PagerDutyEvents {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int SUMMARY_MAX = 1024; // the API's limit for payload.summary

    private PagerDutyEvents() {
    }

    /** The Events API's severity for ours: SEV1 critical, SEV2 error, SEV3 warning, SEV4 info. */
    public static String severity(Severity s) {
        return switch (s) {
            case SEV1 -> "critical";
            case SEV2 -> "error";
            case SEV3 -> "warning";
            case SEV4 -> "info";
        };
    }

    /** A trigger; {@code why} says what called for the page (declared, raised, an escalation step). */
    public static String trigger(Incident i, String why) {
        ObjectNode ev = JSON.createObjectNode();
        ev.put("event_action", "trigger");
        ev.put("dedup_key", i.id());
        ObjectNode p = ev.putObject("payload");
        p.put("summary", clip(i.id() + " " + i.severity().name() + ": " + i.title()));
        p.put("source", "incident-bot");
        p.put("severity", severity(i.severity()));
        p.put("timestamp", i.declaredAt().toString());
        p.put("component", i.id());
        ObjectNode d = p.putObject("custom_details");
        d.put("incident", i.id());
        d.put("severity", i.severity().display());
        d.put("status", i.status().name());
        d.put("reason", why);
        if (i.description() != null && !i.description().isBlank()) {
            d.put("description", i.description());
        }
        if (i.rootCause() != null && !i.rootCause().isBlank()) {
            d.put("root_cause", i.rootCause());
        }
        return ev.toString();
    }

    public static String acknowledge(Incident i) {
        return plain("acknowledge", i.id());
    }

    public static String resolve(Incident i) {
        return plain("resolve", i.id());
    }

    private static String plain(String action, String dedupKey) {
        ObjectNode ev = JSON.createObjectNode();
        ev.put("event_action", action);
        ev.put("dedup_key", dedupKey);
        return ev.toString();
    }

    private static String clip(String s) {
        return s.length() <= SUMMARY_MAX ? s : s.substring(0, SUMMARY_MAX - 1) + "…";
    }
}
