package dev.incidentbot.logsource;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;

/** The kinds of log source, each knowing what its spec must name and how to build its reader. */
public enum SourceType {
    FILE(List.of("path")) {
        @Override
        LogSource create(SourceSpec spec, HttpClient http) {
            return new FileLogSource(spec);
        }
    },
    LOKI(List.of("url", "query")) {
        @Override
        LogSource create(SourceSpec spec, HttpClient http) {
            return new LokiLogSource(spec, http);
        }
    },
    ELASTICSEARCH(List.of("url", "index")) {
        @Override
        LogSource create(SourceSpec spec, HttpClient http) {
            return new ElasticsearchLogSource(spec, http);
        }
    };

    private final List<String> required;

    SourceType(List<String> required) {
        this.required = required;
    }

    /** The fields a spec of this type cannot do without. */
    public List<String> required() {
        return required;
    }

    abstract LogSource create(SourceSpec spec, HttpClient http);

    /** file, loki, elasticsearch (opensearch is elasticsearch's API); null when unknown. */
    public static SourceType parse(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "file" -> FILE;
            case "loki" -> LOKI;
            case "elasticsearch", "opensearch" -> ELASTICSEARCH;
            default -> null;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
