package dev.incidentbot.logsource;

import java.io.OutputStream;
import java.net.http.HttpClient;
import java.util.Map;

/** Placeholder for the Elasticsearch reader: being written on its own branch; until then it says so. */
final class ElasticsearchLogSource implements LogSource {
    private final SourceSpec spec;

    ElasticsearchLogSource(SourceSpec spec, HttpClient http) {
        this.spec = spec;
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public Fetched fetch(Window window, Map<String, String> labels, Limits limits, OutputStream out) throws LogSourceException {
        throw new LogSourceException("Elasticsearch sources are not supported by this build");
    }
}
