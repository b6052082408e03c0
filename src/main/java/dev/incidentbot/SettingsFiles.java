package dev.incidentbot;

import dev.incidentbot.alert.SeverityRules;
import dev.incidentbot.logsource.Limits;
import dev.incidentbot.logsource.LogSources;
import dev.incidentbot.notify.NotifyRules;
import java.net.http.HttpClient;
import java.util.List;

/** Reads the files the settings name (alert rules, log sources, notify rules); a bad one stops the start with one line. */
final class SettingsFiles {
    private SettingsFiles() {
    }

    static SeverityRules alertRules(Config config) {
        try {
            return config.alertRulesFile() == null ? SeverityRules.defaults() : SeverityRules.load(java.nio.file.Path.of(config.alertRulesFile()));
        } catch (IllegalArgumentException e) {
            throw new Config.ConfigException(List.of(e.getMessage()));
        }
    }

    static NotifyRules notifyRules(Config config) {
        try {
            return NotifyRules.forSettings(config.notifying());
        } catch (IllegalArgumentException e) {
            throw new Config.ConfigException(List.of(e.getMessage()));
        }
    }

    static LogSources logSources(Config config, Limits limits) {
        if (config.logSourcesFile() == null) {
            return LogSources.none();
        }
        try {
            // only URLs from this file are ever fetched; redirects are not followed to anywhere else
            HttpClient http = HttpClient.newBuilder().connectTimeout(limits.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            return LogSources.load(java.nio.file.Path.of(config.logSourcesFile()), System.getenv(), http);
        } catch (IllegalArgumentException e) {
            throw new Config.ConfigException(List.of(e.getMessage()));
        }
    }
}
