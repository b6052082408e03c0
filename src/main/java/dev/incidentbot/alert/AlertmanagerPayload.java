package dev.incidentbot.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Alertmanager's webhook body, version 4 (as captured from Alertmanager 0.25); unknown fields are ignored. */
public record AlertmanagerPayload(String version, String groupKey, String status, String receiver,
                                  Map<String, String> groupLabels, Map<String, String> commonLabels,
                                  Map<String, String> commonAnnotations, @JsonProperty("externalURL") String externalUrl,
                                  Integer truncatedAlerts, List<Item> alerts) {

    /** One alert of the notification. */
    public record Item(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
                       String endsAt, @JsonProperty("generatorURL") String generatorUrl, String fingerprint) {
    }
}
