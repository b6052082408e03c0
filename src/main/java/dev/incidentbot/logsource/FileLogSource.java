package dev.incidentbot.logsource;

import java.io.OutputStream;
import java.net.http.HttpClient;
import java.util.Map;

/** Placeholder for the file reader, written next. */
final class FileLogSource implements LogSource {
    private final SourceSpec spec;

    FileLogSource(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public Fetched fetch(Window window, Map<String, String> labels, Limits limits, OutputStream out) throws LogSourceException {
        throw new LogSourceException("File sources are not supported by this build");
    }
}
