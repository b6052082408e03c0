package dev.incidentbot.logsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LokiLogSourceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Window WINDOW = new Window(Instant.parse("2025-12-03T11:30:00Z"), Instant.parse("2025-12-03T12:45:00Z"));
    static final long FROM_NS = 1764761400L * 1_000_000_000L;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static SourceSpec spec(String url, String query, int pageSize, Map<String, String> headers, String user,
                           String password, String token, String tenant) {
        return new SourceSpec("payments", SourceType.LOKI, Map.of(), null, null, url, TextNode.valueOf(query), null, null,
                headers, user, password, token, null, tenant, pageSize);
    }

    static List<JsonNode> lines(ByteArrayOutputStream out) throws Exception {
        List<JsonNode> r = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isEmpty()) {
                r.add(JSON.readTree(l));
            }
        }
        return r;
    }

    /** A stand-in that answers page 1 from the window's start and page 2 from any later start. */
    static StandIn pagingLoki() throws Exception {
        return new StandIn(r -> r.params().get("start").equals(String.valueOf(FROM_NS))
                ? new StandIn.Reply(200, StandIn.resource("loki-page1.json"))
                : new StandIn.Reply(200, StandIn.resource("loki-page2.json")));
    }

    @Test
    void pagesAcrossAnEdgeOfEqualTimestampsMergingStreamsWithoutRepeatsOrLosses() throws Exception {
        try (StandIn loki = pagingLoki()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Fetched f = new LokiLogSource(spec(loki.url(), "{app=\"payments\", env=\"${env}\"}", 4, Map.of(), null, null, null, null), HTTP)
                    .fetch(WINDOW, Map.of("env", "prod"), Limits.defaults(), out);

            List<JsonNode> recs = lines(out);
            assertThat(f.records()).isEqualTo(5);
            assertThat(f.bytes()).isEqualTo(out.size());
            assertThat(f.capped()).isFalse();
            assertThat(f.detail()).isEqualTo("2 pages");
            // time order across streams: 12:00 (a), 12:00:30 (b), then three at 12:01
            assertThat(recs).extracting(r -> r.path("timestamp").asText()).containsExactly(
                    "2025-12-03T12:00:00Z", "2025-12-03T12:00:30Z", "2025-12-03T12:01:00Z", "2025-12-03T12:01:00Z",
                    "2025-12-03T12:01:00Z");
            // JSON line kept with its numbers, stream labels added
            assertThat(recs.get(0).path("latency_ms").asInt()).isEqualTo(120);
            assertThat(recs.get(0).path("pod").asText()).isEqualTo("payments-a");
            // plain line as message
            assertThat(recs.get(1).path("message").asText()).isEqualTo("plain text line without pairs");
            assertThat(recs.get(1).path("pod").asText()).isEqualTo("payments-b");
            // logfmt: numbers stay numbers, quoted values unquoted
            assertThat(recs.get(2).path("status").isNumber()).isTrue();
            assertThat(recs.get(2).path("msg").asText()).isEqualTo("upstream timed out");
            // a label never overwrites the line's own field
            assertThat(recs.get(3).path("pod").asText()).isEqualTo("own-pod");
            // the only new entry of page 2
            assertThat(recs.get(4).path("latency_ms").asInt()).isEqualTo(130);

            assertThat(loki.requests).hasSize(2);
            StandIn.Request first = loki.requests.get(0);
            assertThat(first.path()).isEqualTo("/loki/api/v1/query_range");
            assertThat(first.params()).containsEntry("query", "{app=\"payments\", env=\"prod\"}")
                    .containsEntry("start", String.valueOf(FROM_NS))
                    .containsEntry("end", String.valueOf((FROM_NS + 75L * 60 * 1_000_000_000L) + 1))
                    .containsEntry("direction", "forward").containsEntry("limit", "4");
            assertThat(loki.requests.get(1).params()).containsEntry("start", "1764763260000000000");
        }
    }

    @Test
    void sendsTenantBearerBasicAndExtraHeaders() throws Exception {
        try (StandIn loki = new StandIn(r -> new StandIn.Reply(200, StandIn.resource("loki-page2.json")))) {
            new LokiLogSource(spec(loki.url(), "{app=\"payments\"}", 0, Map.of("X-Extra", "1"), null, null, "s3cret", "team-a"), HTTP)
                    .fetch(WINDOW, Map.of(), Limits.defaults(), new ByteArrayOutputStream());
            new LokiLogSource(spec(loki.url(), "{app=\"payments\"}", 0, Map.of(), "bot", "pw", null, null), HTTP)
                    .fetch(WINDOW, Map.of(), Limits.defaults(), new ByteArrayOutputStream());

            StandIn.Request bearer = loki.requests.get(0);
            assertThat(bearer.header("Authorization")).isEqualTo("Bearer s3cret");
            assertThat(bearer.header("X-Scope-OrgID")).isEqualTo("team-a");
            assertThat(bearer.header("X-Extra")).isEqualTo("1");
            assertThat(bearer.params()).containsEntry("limit", "5000");
            assertThat(loki.requests.get(1).header("Authorization")).isEqualTo("Basic Ym90OnB3");
        }
    }

    @Test
    void refusalsGarbageAndEmptyWindowsAreOneClearLineWithoutSecrets() throws Exception {
        assertThat(failure(401, "{}")).isEqualTo("Loki answered HTTP 401 (check the token or credentials)");
        assertThat(failure(403, "forbidden")).isEqualTo("Loki answered HTTP 403 (the credentials may not read this)");
        assertThat(failure(500, "boom s3cret")).isEqualTo("Loki answered HTTP 500 (server error)");
        assertThat(failure(200, "<html>not json</html>")).isEqualTo("Loki's answer is not JSON");
        assertThat(failure(200, StandIn.resource("loki-matrix.json"))).startsWith("Loki's answer is a matrix result");
        assertThat(failure(200, StandIn.resource("loki-empty.json"))).isEqualTo("nothing in the window 11:30–12:45 UTC");
    }

    private static String failure(int status, String body) throws Exception {
        try (StandIn loki = new StandIn(r -> new StandIn.Reply(status, body))) {
            LokiLogSource s = new LokiLogSource(spec(loki.url(), "{app=\"payments\"}", 0, Map.of(), null, null, "s3cret", null), HTTP);
            try {
                s.fetch(WINDOW, Map.of(), Limits.defaults(), new ByteArrayOutputStream());
                throw new AssertionError("no failure");
            } catch (LogSourceException e) {
                assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("\n");
                return e.getMessage();
            }
        }
    }

    @Test
    void aRefusedConnectionAndAServerThatNeverAnswersAreReasonsNotHangs() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Limits quick = new Limits(1000, 1 << 20, Duration.ofSeconds(1), Duration.ofMillis(500));
        assertThatThrownBy(() -> new LokiLogSource(spec("http://127.0.0.1:" + port, "{a=\"b\"}", 0, Map.of(), null, null, null, null), HTTP)
                .fetch(WINDOW, Map.of(), quick, new ByteArrayOutputStream()))
                .isInstanceOf(LogSourceException.class)
                .hasMessage("Loki at 127.0.0.1:" + port + " refused the connection or could not be reached");

        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> new LokiLogSource(spec("http://127.0.0.1:" + silent.getLocalPort(), "{a=\"b\"}", 0, Map.of(), null, null, null, null), HTTP)
                    .fetch(WINDOW, Map.of(), quick, new ByteArrayOutputStream()))
                    .isInstanceOf(LogSourceException.class)
                    .hasMessageContaining("did not answer within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void capsStopTheReadAndSayWhich() throws Exception {
        try (StandIn loki = pagingLoki()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Fetched f = new LokiLogSource(spec(loki.url(), "{app=\"payments\"}", 4, Map.of(), null, null, null, null), HTTP)
                    .fetch(WINDOW, Map.of(), new Limits(3, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(5)), out);
            assertThat(f.records()).isEqualTo(3);
            assertThat(f.cappedBy()).isEqualTo("3 records");
            assertThat(lines(out)).hasSize(3);
            assertThat(loki.requests).hasSize(1);

            ByteArrayOutputStream small = new ByteArrayOutputStream();
            Fetched g = new LokiLogSource(spec(loki.url(), "{app=\"payments\"}", 4, Map.of(), null, null, null, null), HTTP)
                    .fetch(WINDOW, Map.of(), new Limits(1000, 250, Duration.ofSeconds(1), Duration.ofSeconds(5)), small);
            assertThat(g.cappedBy()).isEqualTo("250 bytes");
            assertThat(small.size()).isLessThanOrEqualTo(250).isEqualTo((int) g.bytes());
        }
    }

    @Test
    void labelValuesCannotChangeTheLogQl() throws Exception {
        try (StandIn loki = new StandIn(r -> new StandIn.Reply(200, StandIn.resource("loki-page2.json")))) {
            String evil = "x\"} or {app=~\".+\", b=`c` \\ {}\nz";
            new LokiLogSource(spec(loki.url(), "{app=\"payments\", env=\"${env}\"} |= \"${env}\"", 0, Map.of(), null, null, null, null), HTTP)
                    .fetch(WINDOW, Map.of("env", evil), Limits.defaults(), new ByteArrayOutputStream());
            String esc = "x\\\"} or {app=~\\\".+\\\", b=`c` \\\\ {}\\nz";
            assertThat(loki.requests.get(0).params().get("query"))
                    .isEqualTo("{app=\"payments\", env=\"" + esc + "\"} |= \"" + esc + "\"");
        }
    }

    @Test
    void aMissingLabelIsRefusedBeforeAnyRequest() throws Exception {
        try (StandIn loki = new StandIn(r -> new StandIn.Reply(200, "{}"))) {
            assertThatThrownBy(() -> new LokiLogSource(spec(loki.url(), "{app=\"${service}\", env=\"${env}\"}", 0, Map.of(), null, null, null, null), HTTP)
                    .fetch(WINDOW, Map.of("env", "prod"), Limits.defaults(), new ByteArrayOutputStream()))
                    .hasMessage("the alert has no label service, which the query needs");
            assertThat(loki.requests).isEmpty();
        }
    }
}
