package dev.incidentbot.analysis.corpus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The log shapes the corpus is written in: each names fields its own way, as real services do. */
public enum Format {
    NDJSON {
        @Override
        String header(List<String> dims) {
            return null;
        }

        @Override
        String line(Row r) {
            StringBuilder sb = new StringBuilder("{\"timestamp\":\"").append(Instant.ofEpochMilli(r.epochMs())).append('"');
            r.dims().forEach((k, v) -> sb.append(",\"").append(k).append("\":\"").append(v).append('"'));
            sb.append(",\"request_id\":\"").append(Long.toHexString(r.id())).append('"');
            return sb.append(",\"latency_ms\":").append(String.format(Locale.ROOT, "%.1f", r.latencyMs()))
                    .append(",\"status\":\"").append(r.failed() ? (r.id() % 3 == 0 ? "error" : "timeout") : "ok").append("\"}").toString();
        }
    },
    LOGFMT {
        @Override
        String header(List<String> dims) {
            return null;
        }

        @Override
        String line(Row r) {
            StringBuilder sb = new StringBuilder("time=").append(Instant.ofEpochMilli(r.epochMs()))
                    .append(" level=").append(r.failed() ? "error" : "info");
            r.dims().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            return sb.append(" duration=").append(Math.round(r.latencyMs())).append("ms trace_id=").append(Long.toHexString(r.id() * 7919))
                    .append(" msg=\"request done\"").toString();
        }
    },
    CSV {
        @Override
        String header(List<String> dims) {
            return "time," + String.join(",", dims) + ",elapsed_ms,http_status,client_ip";
        }

        @Override
        String line(Row r) {
            StringBuilder sb = new StringBuilder().append(r.epochMs());
            r.dims().values().forEach(v -> sb.append(',').append(v));
            return sb.append(',').append(String.format(Locale.ROOT, "%.1f", r.latencyMs())).append(',')
                    .append(r.failed() ? (r.id() % 2 == 0 ? 500 : 504) : 200).append(",10.").append(r.id() % 250).append('.')
                    .append((r.id() / 250) % 250).append(".7").toString();
        }
    },
    ACCESS {
        private final DateTimeFormatter clf = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

        @Override
        String header(List<String> dims) {
            return null;
        }

        @Override
        String line(Row r) {
            Map<String, String> d = r.dims();
            String path = d.getOrDefault("endpoint", "/");
            StringBuilder sb = new StringBuilder("10.1.").append(r.id() % 200).append('.').append(r.id() % 97)
                    .append(" - - [").append(clf.format(Instant.ofEpochMilli(r.epochMs()))).append("] \"GET ").append(path)
                    .append("?id=").append(r.id() % 10007).append(" HTTP/1.1\" ").append(r.failed() ? 503 : 200).append(' ')
                    .append(900 + r.id() % 4000).append(" \"-\" \"client/1.0\" ")
                    .append(String.format(Locale.ROOT, "%.3f", r.latencyMs() / 1000));
            d.forEach((k, v) -> {
                if (!k.equals("endpoint")) {
                    sb.append(' ').append(k).append('=').append(v);
                }
            });
            return sb.toString();
        }
    };

    /** One request. */
    public record Row(long id, long epochMs, Map<String, String> dims, double latencyMs, boolean failed) {
    }

    abstract String header(List<String> dims);

    abstract String line(Row r);

    public String extension() {
        return switch (this) {
            case NDJSON -> ".ndjson";
            case LOGFMT -> ".logfmt";
            case CSV -> ".csv";
            case ACCESS -> ".log";
        };
    }
}
