package dev.incidentbot.logsource;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/**
 * One entry of the {@code LOG_SOURCES} file, checked and with {@code ${NAME}} environment placeholders already
 * filled in everything but the query (whose {@code ${label}} placeholders are alert labels, filled per incident).
 *
 * @param name      shown in Slack
 * @param type      file, loki or elasticsearch
 * @param match     alert labels that pick this source (all must be equal); empty: every incident
 * @param lookback  how far before the incident's start to read as baseline
 * @param path      file: a glob; rotated ({@code .1}) and gzip files are matched by it too
 * @param url       loki / elasticsearch: the server's base URL (only URLs from this file are ever fetched)
 * @param query     loki: LogQL stream selector (a text node); elasticsearch: a query object ANDed with the time range
 * @param index     elasticsearch: index or pattern
 * @param timeField elasticsearch: the time field of the documents (default {@code @timestamp})
 * @param headers   extra request headers (tenant, authorization), values possibly secret: never logged
 * @param user      basic auth user (with {@code password})
 * @param password  basic auth password, secret
 * @param token     bearer token, secret
 * @param apiKey    elasticsearch API key ({@code Authorization: ApiKey …}), secret
 * @param tenant    loki: {@code X-Scope-OrgID}
 * @param pageSize  records per request to a store (loki default 5000, elasticsearch 5000)
 */
public record SourceSpec(String name, SourceType type, Map<String, String> match, Duration lookback, String path,
                         String url, JsonNode query, String index, String timeField, Map<String, String> headers,
                         String user, String password, String token, String apiKey, String tenant, int pageSize) {

    public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(30);

    public SourceSpec {
        match = match == null ? Map.of() : Map.copyOf(match);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        lookback = lookback == null ? DEFAULT_LOOKBACK : lookback;
        timeField = timeField == null ? "@timestamp" : timeField;
        pageSize = pageSize <= 0 ? 5000 : pageSize;
    }

    /** Whether every label this source asks for is present with the same value. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : match.entrySet()) {
            if (labels == null || !e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The query as text (loki), or null. */
    public String queryText() {
        return query == null || query.isNull() ? null : query.isTextual() ? query.asText() : query.toString();
    }

    @Override
    public String toString() {
        // headers, passwords, tokens and keys stay out of logs
        return "SourceSpec[name=" + name + ", type=" + type + ", match=" + match + ", lookback=" + lookback
                + (path != null ? ", path=" + path : "") + (url != null ? ", url=" + url : "") + "]";
    }
}
