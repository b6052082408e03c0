package dev.incidentbot.logsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One {@code _search} answer of Elasticsearch/OpenSearch: its hits, their sort values and the newest PIT id. */
record EsPage(List<Hit> hits, String pitId, int failedShards) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One hit: its source, its sort values, and what tells it apart from others at the same time. */
    record Hit(ObjectNode source, JsonNode sort, long millis, String key) {
    }

    /** @throws LogSourceException when the body is not a search answer with sorted hits */
    static EsPage parse(byte[] body, String timeField) throws LogSourceException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new LogSourceException("Elasticsearch's answer is not JSON");
        }
        JsonNode hits = root == null ? null : root.path("hits").path("hits");
        if (hits == null || !hits.isArray()) {
            throw new LogSourceException("Elasticsearch's answer has no hits.hits list");
        }
        List<Hit> out = new ArrayList<>(hits.size());
        for (JsonNode h : hits) {
            JsonNode sort = h.path("sort");
            if (!sort.isArray() || sort.isEmpty() || !sort.get(0).canConvertToLong()) {
                throw new LogSourceException("Elasticsearch's answer has a hit without its time as sort value");
            }
            long millis = sort.get(0).asLong();
            ObjectNode source = h.path("_source").isObject() ? (ObjectNode) h.get("_source").deepCopy() : JSON.createObjectNode();
            if (!has(source, timeField)) {
                source.put(timeField, Instant.ofEpochMilli(millis).toString());
            }
            out.add(new Hit(source, sort, millis, h.path("_index").asText() + "\u0000" + h.path("_id").asText()));
        }
        String pit = root.path("pit_id").isTextual() ? root.get("pit_id").asText() : null;
        return new EsPage(out, pit, root.path("_shards").path("failed").asInt(0));
    }

    /** Whether the source holds the field, flat ({@code "event.created": …}) or nested ({@code event: {created: …}}). */
    private static boolean has(JsonNode source, String field) {
        if (source.has(field)) {
            return true;
        }
        JsonNode n = source;
        for (String part : field.split("\\.")) {
            n = n.path(part);
        }
        return !n.isMissingNode() && !n.isNull();
    }
}
