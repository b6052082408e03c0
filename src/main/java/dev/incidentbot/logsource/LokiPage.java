package dev.incidentbot.logsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One {@code query_range} answer of Loki: the entries of all its streams, merged in time order. */
final class LokiPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One log entry.
     *
     * @param ns     its time, nanoseconds since the epoch
     * @param line   the log line
     * @param stream the labels of its stream (in Loki's order)
     * @param key    what tells it apart from other entries at the same nanosecond (stream and line, as Loki does)
     */
    record Entry(long ns, String line, Map<String, String> stream, String key) {
    }

    private LokiPage() {
    }

    /**
     * Parses a {@code streams} result, in time order; entries of equal time keep Loki's stream order.
     *
     * @throws LogSourceException when the body is not a successful streams result
     */
    static List<Entry> parse(byte[] body) throws LogSourceException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw garbage("is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw garbage("is not a JSON object");
        }
        if (!"success".equals(root.path("status").asText())) {
            throw garbage("has status '" + shortText(root.path("status").asText()) + "'");
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText();
        if (!"streams".equals(type)) {
            throw garbage(type.isEmpty() ? "has no data.resultType"
                    : "is a " + shortText(type) + " result, not log lines (the query must be a log query, not a metric one)");
        }
        JsonNode result = data.path("result");
        if (!result.isArray()) {
            throw garbage("has no data.result list");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode s : result) {
            Map<String, String> stream = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("stream").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                stream.put(f.getKey(), f.getValue().asText());
            }
            String streamKey = stream.toString();
            JsonNode values = s.path("values");
            if (!values.isArray()) {
                throw garbage("has a stream without values");
            }
            for (JsonNode v : values) {
                // [ "<ns>", "<line>" ] and, with categorize-labels, a third element of structured metadata
                if (!v.isArray() || v.size() < 2 || !v.get(0).isTextual() || !v.get(1).isTextual()) {
                    throw garbage("has an entry that is not [\"<ns>\", \"<line>\"]");
                }
                long ns;
                try {
                    ns = Long.parseLong(v.get(0).asText());
                } catch (NumberFormatException e) {
                    throw garbage("has an entry time that is not nanoseconds");
                }
                String line = v.get(1).asText();
                entries.add(new Entry(ns, line, stream, streamKey + '\u0000' + line));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::ns)); // stable: ties keep stream order
        return entries;
    }

    private static LogSourceException garbage(String what) {
        return new LogSourceException("Loki's answer " + what);
    }

    private static String shortText(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
