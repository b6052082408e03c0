package dev.incidentbot.alert;

import java.util.Map;

/**
 * The bot's own simple alert format, for anything that can POST JSON:
 * {@code {title, severity, status: firing|resolved, key, description, labels{}, url, group}}.
 * {@code key} identifies the alert; {@code group} (default: the key) puts several keys into one incident.
 */
public record GenericPayload(String title, String severity, String status, String key, String description,
                             Map<String, String> labels, String url, String group) {
}
