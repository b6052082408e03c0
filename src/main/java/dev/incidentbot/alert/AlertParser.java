package dev.incidentbot.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The only place webhook formats live: Alertmanager v4, Grafana unified alerting and the generic JSON become
 * {@link Alert}s, or an {@link InvalidPayload} naming the problem. Parsing has no side effects.
 */
public final class AlertParser {
    private static final int MAX_TEXT = 4000;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    /** Parses a webhook body of the given source. */
    public List<Alert> parse(AlertSource source, byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidPayload("the body is empty; expected a JSON object");
        }
        return switch (source) {
            case ALERTMANAGER -> alertmanager(read(body, AlertmanagerPayload.class));
            case GRAFANA -> grafana(read(body, GrafanaPayload.class));
            case GENERIC -> generic(body);
        };
    }

    private static <T> T read(byte[] body, Class<T> type) {
        JsonNode tree = tree(body);
        if (!tree.isObject()) {
            throw new InvalidPayload("the body must be a JSON object, not " + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            return JSON.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new InvalidPayload("field " + path(e) + " has the wrong type: " + brief(e));
        } catch (JsonProcessingException e) {
            throw new InvalidPayload("the body cannot be read: " + brief(e));
        }
    }

    /** Syntax first, so a truncated body is reported as such and not as a wrong field. */
    private static JsonNode tree(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidPayload("the body is empty; expected a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new InvalidPayload("the body is not valid JSON: " + brief(e) + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new InvalidPayload("the body cannot be read: " + e.getMessage());
        }
    }

    /** Jackson's message without its source excerpt and location noise. */
    private static String brief(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().split("\n")[0];
        return m.replaceAll("\\s*\\(?\\s*(start marker )?at \\[Source:.*$", "").replaceAll("\\s*\\[Source:.*$", "");
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(the body)" : "'" + sb + "'";
    }

    private List<Alert> alertmanager(AlertmanagerPayload p) {
        if (p.alerts() == null) {
            throw new InvalidPayload("field 'alerts' is missing; an Alertmanager webhook (version 4) carries an array of alerts");
        }
        String group = groupKey(p.groupKey(), p.groupLabels());
        List<Alert> out = new ArrayList<>(p.alerts().size());
        for (int i = 0; i < p.alerts().size(); i++) {
            AlertmanagerPayload.Item a = p.alerts().get(i);
            if (a == null) {
                throw new InvalidPayload("alerts[" + i + "] is null");
            }
            out.add(alert(AlertSource.ALERTMANAGER, i, a.status(), a.labels(), a.annotations(), a.startsAt(), a.endsAt(),
                    a.fingerprint(), group, a.generatorUrl()));
        }
        return out;
    }

    private List<Alert> grafana(GrafanaPayload p) {
        if (p.alerts() == null) {
            throw new InvalidPayload("field 'alerts' is missing; a Grafana alerting webhook carries an array of alerts");
        }
        String group = groupKey(p.groupKey(), p.groupLabels());
        List<Alert> out = new ArrayList<>(p.alerts().size());
        for (int i = 0; i < p.alerts().size(); i++) {
            GrafanaPayload.Item a = p.alerts().get(i);
            if (a == null) {
                throw new InvalidPayload("alerts[" + i + "] is null");
            }
            // The panel shows the data; the generator URL is Grafana's rule view: either is a fair link back.
            String url = notBlank(a.panelUrl()) ? a.panelUrl() : a.generatorUrl();
            out.add(alert(AlertSource.GRAFANA, i, a.status(), a.labels(), a.annotations(), a.startsAt(), a.endsAt(),
                    a.fingerprint(), group, url));
        }
        return out;
    }

    private List<Alert> generic(byte[] body) {
        JsonNode root = tree(body);
        List<GenericPayload> items = new ArrayList<>();
        try {
            if (root.isArray()) {
                for (JsonNode n : root) {
                    items.add(JSON.treeToValue(n, GenericPayload.class));
                }
            } else if (root.isObject()) {
                items.add(JSON.treeToValue(root, GenericPayload.class));
            } else {
                throw new InvalidPayload("the body must be a JSON object (or an array of them) with title, status and key");
            }
        } catch (JsonMappingException e) {
            throw new InvalidPayload("field " + path(e) + " has the wrong type: " + brief(e));
        } catch (JsonProcessingException e) {
            throw new InvalidPayload("the body cannot be read: " + brief(e));
        }
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            GenericPayload g = items.get(i);
            String at = items.size() == 1 ? "" : "[" + i + "] ";
            if (g == null) {
                throw new InvalidPayload(at + "is null");
            }
            if (!notBlank(g.key())) {
                throw new InvalidPayload(at + "field 'key' is missing: it identifies the alert so that its resolution can find it");
            }
            Alert.Status status = g.status() == null ? Alert.Status.FIRING : Alert.Status.parse(g.status());
            if (status == null) {
                throw new InvalidPayload(at + "field 'status' must be firing or resolved, got '" + cut(g.status(), 40) + "'");
            }
            if (status == Alert.Status.FIRING && !notBlank(g.title())) {
                throw new InvalidPayload(at + "field 'title' is missing: a firing alert needs a title");
            }
            Map<String, String> labels = new HashMap<>(clean(g.labels(), "labels"));
            if (notBlank(g.severity())) {
                labels.putIfAbsent("severity", cut(g.severity(), 100));
            }
            Map<String, String> annotations = new HashMap<>();
            if (notBlank(g.title())) {
                annotations.put("summary", cut(g.title(), MAX_TEXT));
            }
            if (notBlank(g.description())) {
                annotations.put("description", cut(g.description(), MAX_TEXT));
            }
            String group = notBlank(g.group()) ? g.group() : g.key();
            out.add(new Alert(AlertSource.GENERIC.id(), cut(g.key(), 200), cut(group, 4000), status, labels, annotations,
                    null, null, notBlank(g.url()) ? cut(g.url(), 4000) : null));
        }
        return out;
    }

    private static Alert alert(AlertSource source, int i, String rawStatus, Map<String, String> rawLabels,
                               Map<String, String> rawAnnotations, String startsAt, String endsAt, String fingerprint,
                               String group, String url) {
        String at = "alerts[" + i + "]";
        Alert.Status status = Alert.Status.parse(rawStatus);
        if (status == null) {
            throw new InvalidPayload(at + ".status must be firing or resolved, got " + (rawStatus == null ? "nothing"
                    : "'" + cut(rawStatus, 40) + "'"));
        }
        if (rawLabels == null) {
            throw new InvalidPayload(at + ".labels is missing; every alert has labels");
        }
        Map<String, String> labels = clean(rawLabels, at + ".labels");
        Map<String, String> annotations = clean(rawAnnotations, at + ".annotations");
        String fp = notBlank(fingerprint) ? cut(fingerprint, 200) : derivedFingerprint(labels);
        return new Alert(source.id(), fp, group, status, labels, annotations, time(startsAt, at + ".startsAt"),
                time(endsAt, at + ".endsAt"), notBlank(url) ? cut(url, 4000) : null);
    }

    /** ISO-8601 with offset; Alertmanager's zero time (0001-01-01) means "not set". */
    private static Instant time(String raw, String field) {
        if (!notBlank(raw)) {
            return null;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(raw);
            return t.getYear() <= 1 ? null : t.toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidPayload(field + " is not an ISO-8601 time: '" + cut(raw, 40) + "'");
        }
    }

    private static Map<String, String> clean(Map<String, String> raw, String field) {
        if (raw == null) {
            return Map.of();
        }
        if (raw.size() > 200) {
            throw new InvalidPayload(field + " has " + raw.size() + " entries; at most 200 are accepted");
        }
        Map<String, String> out = new HashMap<>(raw.size() * 2);
        raw.forEach((k, v) -> out.put(cut(k, 200), v == null ? "" : cut(v, MAX_TEXT)));
        return out;
    }

    /** Alertmanager's groupKey when given, else one built from the group labels (opaque either way). */
    private static String groupKey(String groupKey, Map<String, String> groupLabels) {
        if (notBlank(groupKey)) {
            return cut(groupKey, 4000);
        }
        return groupLabels == null || groupLabels.isEmpty() ? "{}" : new TreeMap<>(groupLabels).toString();
    }

    /** Alertmanager's own fingerprint is a hash of the label set; without one, a SHA-256 of the sorted labels does. */
    static String derivedFingerprint(Map<String, String> labels) {
        return sha256(new TreeMap<>(labels).toString()).substring(0, 16);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
