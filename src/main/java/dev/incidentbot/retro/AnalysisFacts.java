package dev.incidentbot.retro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the postmortem takes from a log analysis, read defensively: every key of the analyzer's JSON is optional
 * and a value of an unexpected shape is skipped, so an older or newer analyzer never breaks the export.
 *
 * @param attributes     the root cause's dimensions and values (e.g. modelVersion=v1.3), in the analyzer's order
 * @param symptomsFrom   when the first symptom shows in the logs (rootCause.startedAt)
 * @param suggestedAlert the alert the analysis proposes, or null
 */
public record AnalysisFacts(String verdict, String headline, Map<String, String> attributes, Instant symptomsFrom,
                            String immediateAction, String prevention, List<String> retroNotes, List<String> evidence,
                            Alert suggestedAlert) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An alert to create: the metric, per which dimension, its threshold and the analyzer's own wording.
     *
     * @param thresholdMs   latency threshold, null when the alert is not on latency
     * @param thresholdRate failure-rate threshold as a fraction (0.05 = 5%), null when not on failures
     */
    public record Alert(String metric, String dimension, Long thresholdMs, Double thresholdRate, String text) {
    }

    public static final AnalysisFacts NONE = new AnalysisFacts(null, null, Map.of(), null, null, null, List.of(), List.of(), null);

    /** Reads the analyzer's JSON; null, blank or unreadable JSON gives {@link #NONE}. */
    public static AnalysisFacts parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            return NONE;
        }
        if (root == null || !root.isObject()) {
            return NONE;
        }
        JsonNode cause = root.path("rootCause");
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attrs = cause.path("attributes");
        if (attrs.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String v = text(e.getValue());
                if (v != null) {
                    attributes.put(e.getKey(), v);
                }
            }
        }
        return new AnalysisFacts(text(root.path("verdict")), text(root.path("headline")), Collections.unmodifiableMap(attributes), instant(cause.path("startedAt")),
                text(root.path("immediateAction")), text(root.path("prevention")), texts(root.path("retroNotes")),
                texts(root.path("evidence")), alert(root.path("suggestedAlert")));
    }

    public boolean present() {
        return this != NONE && (verdict != null || headline != null || !attributes.isEmpty() || prevention != null
                || suggestedAlert != null || !evidence.isEmpty());
    }

    /** "modelVersion=v1.3, endpoint=/risk-score", or null when the analysis named no root cause. */
    public String attributesText() {
        if (attributes.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        attributes.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static Alert alert(JsonNode n) {
        if (!n.isObject()) {
            String t = text(n);
            return t == null ? null : new Alert(null, null, null, null, t);
        }
        Double ms = positive(n.has("threshold_ms") ? n.path("threshold_ms") : n.path("thresholdMs"));
        Double rate = positive(n.has("threshold_rate") ? n.path("threshold_rate") : n.path("thresholdRate"));
        Alert a = new Alert(text(n.path("metric")), text(n.path("dimension")), ms == null ? null : Math.round(ms),
                rate, text(n.path("text")));
        return a.metric() == null && a.text() == null ? null : a;
    }

    /** A positive number (the analyzer writes 0 for "not this kind of threshold"), or null. */
    private static Double positive(JsonNode n) {
        double v;
        if (n.isNumber()) {
            v = n.asDouble();
        } else if (n.isTextual() && n.asText().strip().matches("\\d+(\\.\\d+)?")) {
            v = Double.parseDouble(n.asText().strip());
        } else {
            return null;
        }
        return v > 0 && Double.isFinite(v) ? v : null;
    }

    /** A string value, or the "text"/"summary" of an object value; null for anything else or blank. */
    private static String text(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isValueNode()) {
            String s = n.asText().strip();
            return s.isEmpty() ? null : s;
        }
        if (n.isObject()) {
            for (String key : List.of("text", "summary", "action", "description")) {
                String s = text(n.get(key));
                if (s != null) {
                    return s;
                }
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode item : n) {
                String s = text(item);
                if (s != null) {
                    out.add(s);
                }
            }
        } else {
            String s = text(n);
            if (s != null) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private static Instant instant(JsonNode n) {
        String s = text(n);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
