package dev.incidentbot.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Grafana unified alerting's webhook body: Alertmanager's shape plus orgId, state, title, message and per-alert links. */
public record GrafanaPayload(String version, String groupKey, String status, String receiver, Integer orgId, String state,
                             String title, String message, Map<String, String> groupLabels,
                             Map<String, String> commonLabels, Map<String, String> commonAnnotations,
                             @JsonProperty("externalURL") String externalUrl, Integer truncatedAlerts, List<Item> alerts) {

    /** One alert of the notification, with Grafana's extra links and evaluated values. */
    public record Item(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
                       String endsAt, @JsonProperty("generatorURL") String generatorUrl, String fingerprint,
                       @JsonProperty("silenceURL") String silenceUrl, @JsonProperty("dashboardURL") String dashboardUrl,
                       @JsonProperty("panelURL") String panelUrl, Map<String, Object> values) {
    }
}
