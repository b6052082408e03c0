package dev.incidentbot.logsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchLogSourceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Window WINDOW = LokiLogSourceTest.WINDOW;

    static SourceSpec spec(String url, String query, int pageSize, String user, String password, String token, String apiKey)
            throws Exception {
        return new SourceSpec("gateway", SourceType.ELASTICSEARCH, Map.of(), null, null, url,
                query == null ? null : JSON.readTree(query), "gateway-*", null, Map.of(), user, password, token, apiKey, null, pageSize);
    }

    /** Elasticsearch with point in time: open, two pages (the second after the first's last sort values), close. */
    static StandIn elasticsearch() throws Exception {
        return new StandIn(r -> {
            if (r.path().endsWith("/_pit") && r.method().equals("POST")) {
                return new StandIn.Reply(200, StandIn.resource("es-pit-open.json"));
            }
            if (r.path().equals("/_pit") && r.method().equals("DELETE")) {
                return new StandIn.Reply(200, StandIn.resource("es-pit-closed.json"));
            }
            return new StandIn.Reply(200, StandIn.resource(r.body().contains("search_after") ? "es-search-page2.json" : "es-search-page1.json"));
        });
    }

    @Test
    void pagesAPointInTimeWithShardDocAndSearchAfterThenClosesIt() throws Exception {
        try (StandIn es = elasticsearch()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Fetched f = new ElasticsearchLogSource(spec(es.url(), "{\"term\": {\"service.keyword\": \"${service}\"}}", 2, null, null, null, "k3y"), HTTP)
                    .fetch(WINDOW, Map.of("service", "gateway"), Limits.defaults(), out);

            List<JsonNode> recs = LokiLogSourceTest.lines(out);
            assertThat(f.records()).isEqualTo(3);
            assertThat(f.detail()).isEqualTo("2 pages, point in time");
            assertThat(recs).extracting(r -> r.path("_id").isMissingNode()).containsOnly(true);
            // the hit without its time field gets it from the sort value
            assertThat(recs.get(1).path("@timestamp").asText()).isEqualTo("2025-12-03T12:01:00Z");
            assertThat(recs.get(2).path("latency_ms").asInt()).isEqualTo(45);

            assertThat(es.requests).extracting(StandIn.Request::method).containsExactly("POST", "POST", "POST", "DELETE");
            assertThat(es.requests.get(0).path()).isEqualTo("/gateway-*/_pit");
            assertThat(es.requests.get(0).params()).containsEntry("keep_alive", "1m");
            assertThat(es.requests).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("ApiKey k3y"));

            JsonNode first = JSON.readTree(es.requests.get(1).body());
            assertThat(es.requests.get(1).path()).isEqualTo("/_search");
            assertThat(first).isEqualTo(JSON.readTree("""
                    {"size": 2,
                     "query": {"bool": {"filter": [
                        {"range": {"@timestamp": {"gte": "2025-12-03T11:30:00Z", "lte": "2025-12-03T12:45:00Z",
                                                  "format": "strict_date_optional_time"}}},
                        {"term": {"service.keyword": "gateway"}}]}},
                     "sort": [{"@timestamp": {"order": "asc", "numeric_type": "date"}}, {"_shard_doc": "asc"}],
                     "pit": {"id": "%s", "keep_alive": "1m"},
                     "track_total_hits": false}""".formatted(JSON.readTree(StandIn.resource("es-pit-open.json")).get("id").asText())));
            JsonNode second = JSON.readTree(es.requests.get(2).body());
            assertThat(second.get("search_after").toString()).isEqualTo("[1764763260000,1]");
            // always the newest PIT id
            assertThat(second.at("/pit/id").asText()).endsWith("AAAAB==");
            assertThat(JSON.readTree(es.requests.get(3).body()).get("id").asText()).endsWith("AAAAC==");
        }
    }

    @Test
    void withoutPointInTimePagesByTimeAndDropsHitsAlreadyWrittenAtTheEdge() throws Exception {
        String page1 = """
                {"took": 1, "timed_out": false, "_shards": {"total": 2, "successful": 2, "skipped": 0, "failed": 0},
                 "hits": {"total": {"value": 4, "relation": "eq"}, "max_score": null, "hits": [
                   {"_index": "gw", "_id": "1", "_score": null, "_source": {"@timestamp": "2025-12-03T12:00:00Z", "n": 1}, "sort": [1764763200000]},
                   {"_index": "gw", "_id": "2", "_score": null, "_source": {"@timestamp": "2025-12-03T12:01:00Z", "n": 2}, "sort": [1764763260000]}]}}""";
        String page2 = """
                {"took": 1, "timed_out": false, "_shards": {"total": 2, "successful": 2, "skipped": 0, "failed": 0},
                 "hits": {"total": {"value": 3, "relation": "eq"}, "max_score": null, "hits": [
                   {"_index": "gw", "_id": "3", "_score": null, "_source": {"@timestamp": "2025-12-03T12:01:00Z", "n": 3}, "sort": [1764763260000]},
                   {"_index": "gw", "_id": "2", "_score": null, "_source": {"@timestamp": "2025-12-03T12:01:00Z", "n": 2}, "sort": [1764763260000]}]}}""";
        String page3 = """
                {"took": 1, "timed_out": false, "_shards": {"total": 2, "successful": 2, "skipped": 0, "failed": 0},
                 "hits": {"total": {"value": 2, "relation": "eq"}, "max_score": null, "hits": [
                   {"_index": "gw", "_id": "3", "_score": null, "_source": {"@timestamp": "2025-12-03T12:01:00Z", "n": 3}, "sort": [1764763260000]}]}}""";
        int[] calls = {0};
        try (StandIn os = new StandIn(r -> {
            if (r.path().endsWith("/_pit")) {
                return new StandIn.Reply(404, StandIn.resource("opensearch-no-pit.json"));
            }
            calls[0]++;
            return new StandIn.Reply(200, calls[0] == 1 ? page1 : calls[0] == 2 ? page2 : page3);
        })) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Fetched f = new ElasticsearchLogSource(spec(os.url(), null, 2, "bot", "pw", null, null), HTTP)
                    .fetch(WINDOW, Map.of(), Limits.defaults(), out);
            assertThat(LokiLogSourceTest.lines(out)).extracting(n -> n.get("n").asInt()).containsExactly(1, 2, 3);
            assertThat(f.detail()).isEqualTo("3 pages");
            List<StandIn.Request> searches = os.requests.subList(1, os.requests.size());
            assertThat(searches).extracting(StandIn.Request::path).containsOnly("/gateway-*/_search");
            assertThat(JSON.readTree(searches.get(0).body()).has("pit")).isFalse();
            assertThat(JSON.readTree(searches.get(0).body()).has("search_after")).isFalse();
            assertThat(JSON.readTree(searches.get(1).body()).get("search_after").toString()).isEqualTo("[1764763259999]");
            assertThat(JSON.readTree(searches.get(2).body()).get("search_after").toString()).isEqualTo("[1764763259999]");
            assertThat(searches.get(0).header("Authorization")).isEqualTo("Basic Ym90OnB3");
        }
    }

    @Test
    void labelValuesCannotChangeTheQueryStructure() throws Exception {
        try (StandIn es = elasticsearch()) {
            String evil = "x\"}}, {\"match_all\": {}}, {\"term\": {\"a\": \"` \\ ${y}";
            new ElasticsearchLogSource(spec(es.url(), "{\"bool\": {\"should\": [{\"term\": {\"service\": \"${service}\"}}, {\"match\": {\"msg\": \"svc ${service}\"}}]}}", 5000, null, null, "t0k", null), HTTP)
                    .fetch(WINDOW, Map.of("service", evil), Limits.defaults(), new ByteArrayOutputStream());
            JsonNode filter = JSON.readTree(es.requests.get(1).body()).at("/query/bool/filter");
            assertThat(filter).hasSize(2);
            JsonNode expected = JSON.createObjectNode().set("bool", JSON.createObjectNode().set("should", JSON.createArrayNode()
                    .add(JSON.createObjectNode().set("term", JSON.createObjectNode().put("service", evil)))
                    .add(JSON.createObjectNode().set("match", JSON.createObjectNode().put("msg", "svc " + evil)))));
            assertThat(filter.get(1)).isEqualTo(expected);
            assertThat(filter.at("/1/bool/should/0/term/service").asText()).isEqualTo(evil);
            assertThat(filter.at("/1/bool/should/1/match/msg").asText()).isEqualTo("svc " + evil);
            assertThat(filter.get(1).at("/bool/should")).hasSize(2);
            assertThat(es.requests.get(1).header("Authorization")).isEqualTo("Bearer t0k");
        }
    }

    @Test
    void refusesPlaceholdersInNamesAndQueryLanguagesAndMissingLabels() throws Exception {
        assertThat(EsQuery.problems(JSON.readTree("{\"term\": {\"${f}\": \"x\"}}"))).isNotEmpty();
        assertThat(EsQuery.problems(JSON.readTree("{\"query_string\": {\"query\": \"service:${s}\"}}"))).singleElement()
                .asString().contains("query_string");
        assertThat(EsQuery.problems(JSON.readTree("[1]"))).isNotEmpty();
        try (StandIn es = elasticsearch()) {
            assertThatThrownBy(() -> new ElasticsearchLogSource(spec(es.url(), "{\"term\": {\"s\": \"${service}\"}}", 0, null, null, null, null), HTTP)
                    .fetch(WINDOW, Map.of(), Limits.defaults(), new ByteArrayOutputStream()))
                    .hasMessage("the alert has no label service, which the query needs");
            assertThat(es.requests).isEmpty();
        }
    }

    @Test
    void refusalsGarbageEmptyAndCaps() throws Exception {
        assertThat(failure(401, StandIn.resource("es-error-401.json"))).isEqualTo("Elasticsearch answered HTTP 401 (check the token or credentials)");
        assertThat(failure(403, "{}")).isEqualTo("Elasticsearch answered HTTP 403 (the credentials may not read this)");
        assertThat(failure(500, "{}")).isEqualTo("Elasticsearch answered HTTP 500 (server error)");
        assertThat(failure(200, "not json")).isEqualTo("Elasticsearch's answer is not JSON");
        assertThat(failure(200, "{\"hits\": {\"hits\": []}}")).isEqualTo("nothing in the window 11:30–12:45 UTC");
        try (StandIn es = new StandIn(r -> r.path().endsWith("/_pit") ? new StandIn.Reply(404, StandIn.resource("es-error-404.json"))
                : new StandIn.Reply(404, StandIn.resource("es-error-404.json")))) {
            assertThatThrownBy(() -> new ElasticsearchLogSource(spec(es.url(), null, 0, null, null, null, null), HTTP)
                    .fetch(WINDOW, Map.of(), Limits.defaults(), new ByteArrayOutputStream()))
                    .hasMessage("Elasticsearch answered HTTP 404 (index_not_found_exception)");
        }
        try (StandIn es = elasticsearch()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Fetched f = new ElasticsearchLogSource(spec(es.url(), null, 2, null, null, null, null), HTTP)
                    .fetch(WINDOW, Map.of(), new Limits(2, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(5)), out);
            assertThat(f.cappedBy()).isEqualTo("2 records");
            assertThat(LokiLogSourceTest.lines(out)).hasSize(2);
            assertThat(es.requests.get(es.requests.size() - 1).method()).isEqualTo("DELETE");
        }
    }

    /** The search answers with this; opening the PIT is refused the same way when it is an auth failure. */
    private static String failure(int status, String body) throws Exception {
        try (StandIn es = new StandIn(r -> r.path().endsWith("/_pit") && status == 200
                ? new StandIn.Reply(404, StandIn.resource("opensearch-no-pit.json")) : new StandIn.Reply(status, body))) {
            try {
                new ElasticsearchLogSource(spec(es.url(), null, 0, null, null, null, "k3y"), HTTP)
                        .fetch(WINDOW, Map.of(), Limits.defaults(), new ByteArrayOutputStream());
                throw new AssertionError("no failure");
            } catch (LogSourceException e) {
                assertThat(e.getMessage()).doesNotContain("k3y").doesNotContain("\n");
                return e.getMessage();
            }
        }
    }
}
