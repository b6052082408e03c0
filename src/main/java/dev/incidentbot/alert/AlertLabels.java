package dev.incidentbot.alert;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The labels an incident's alerts share and since when the earliest fires: what picks and fills its log sources. */
public final class AlertLabels {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() { };

    /** The shared labels and the earliest start of some alerts. */
    public record Common(Map<String, String> labels, Instant firingSince) {
    }

    private final Jdbi jdbi;

    public AlertLabels(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** What the stored alerts of an incident share (empty labels when it has none). */
    public Common of(String incidentId) {
        return jdbi.withExtension(AlertRepository.class, r -> new Common(
                intersect(r.labelsOf(incidentId).stream().map(AlertLabels::parse).toList()),
                r.firingSince(incidentId).orElse(null)));
    }

    /** What some alerts share: the labels with one value across all of them. */
    public static Common of(List<Alert> alerts) {
        Instant since = null;
        for (Alert a : alerts) {
            if (a.startsAt() != null && (since == null || a.startsAt().isBefore(since))) {
                since = a.startsAt();
            }
        }
        return new Common(intersect(alerts.stream().map(Alert::labels).toList()), since);
    }

    static Map<String, String> intersect(List<Map<String, String>> all) {
        if (all.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new LinkedHashMap<>(all.get(0));
        for (Map<String, String> m : all.subList(1, all.size())) {
            common.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return common;
    }

    private static Map<String, String> parse(String json) {
        try {
            Map<String, String> m = JSON.readValue(json, MAP);
            return m == null ? Map.of() : m;
        } catch (Exception e) {
            return Map.of();
        }
    }
}
