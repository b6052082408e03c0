package dev.incidentbot.alert;

import java.util.Locale;

/** The monitoring systems whose webhooks the bot understands; the id is the path segment and the stored source. */
public enum AlertSource {
    ALERTMANAGER, GRAFANA, GENERIC;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
