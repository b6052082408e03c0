package dev.incidentbot.web;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentbot.alert.Fixtures;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineKind;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three webhooks end to end: real HTTP on loopback, the real H2 file, a fake Slack Web API. */
@BothStores
class WebhookEndpointTest {
    private final TestStore store;

    WebhookEndpointTest(TestStore store) {
        this.store = store;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private FakeSlackApi slack;
    private TestBot bot;

    @BeforeEach
    void start() throws Exception {
        Path rules = dir.resolve("alert-rules.yml");
        Files.writeString(rules, "stormWindow: PT0.3S\n");
        slack = new FakeSlackApi();
        bot = TestBot.start(store, dir, slack, Clock.systemUTC(), Map.of("ALERT_RULES", rules.toString()));
    }

    @AfterEach
    void stop() {
        bot.close();
        slack.close();
    }

    private HttpResponse<String> post(String source, byte[] body, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(bot.url("/webhooks/" + source)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String source, byte[] body) throws Exception {
        return post(source, body, "Bearer " + TestBot.WEBHOOK_TOKEN);
    }

    private HttpResponse<String> post(String source, String fixture) throws Exception {
        return post(source, Fixtures.bytes(fixture));
    }

    private long storedAlerts() {
        return bot.bot.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM alerts").mapTo(Long.class).one());
    }

    private List<FakeSlackApi.Call> posts() throws Exception {
        assertThat(bot.bot.outbox().awaitIdle(5000)).isTrue();
        return slack.calls("chat.postMessage");
    }

    private List<FakeSlackApi.Call> announcements() throws Exception {
        return posts().stream().filter(c -> c.param("text").startsWith("🚨 INCIDENT")).toList();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void refusesCallsWithoutTheRightBearerToken() throws Exception {
        byte[] body = Fixtures.bytes("am-v4-01-firing-group-2alerts.json");

        assertThat(post("alertmanager", body, null).statusCode()).isEqualTo(401);
        assertThat(post("alertmanager", body, "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(post("grafana", body, "Basic " + TestBot.WEBHOOK_TOKEN).statusCode()).isEqualTo(401);
        HttpResponse<String> r = post("generic", body, "Bearer " + TestBot.WEBHOOK_TOKEN + "x");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).path("error").asText()).contains("bearer token");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(storedAlerts()).isZero();
        assertThat(bot.bot.incidents().listOpen()).isEmpty();
    }

    @Test
    void aBadBodyGets400NamingTheProblemAndChangesNothing() throws Exception {
        HttpResponse<String> truncated = post("alertmanager", "{\"version\": \"4\", \"alerts\": [".getBytes(StandardCharsets.UTF_8));
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(json(truncated).path("ok").asBoolean(true)).isFalse();
        assertThat(json(truncated).path("error").asText()).contains("not valid JSON");

        HttpResponse<String> noKey = post("generic", "{\"title\": \"Checkout down\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(json(noKey).path("error").asText()).contains("'key' is missing");

        // one bad alert spoils the delivery: nothing of it is stored
        ObjectNode p = (ObjectNode) JSON.readTree(Fixtures.bytes("am-v4-01-firing-group-2alerts.json"));
        ((ObjectNode) p.withArray("alerts").get(1)).put("status", "pending");
        assertThat(post("alertmanager", JSON.writeValueAsBytes(p)).statusCode()).isEqualTo(400);

        assertThat(storedAlerts()).isZero();
        assertThat(posts()).isEmpty();
    }

    @Test
    void aBodyOverOneMegabyteGets413() throws Exception {
        // The server refuses on the declared length, before reading: sending only the head keeps the test from
        // racing a connection closed mid-upload.
        assertThat(dev.incidentbot.support.RawHttp.statusForDeclaredLength(bot.bot.port(), "/webhooks/alertmanager",
                1024 * 1024 + 10, "Authorization: Bearer " + TestBot.WEBHOOK_TOKEN)).isEqualTo(413);
        assertThat(storedAlerts()).isZero();
    }

    @Test
    void threeDeliveriesOfOneNotificationOpenOneIncidentAnnouncedOnce() throws Exception {
        HttpResponse<String> first = post("alertmanager", "am-v4-01-firing-group-2alerts.json");
        HttpResponse<String> second = post("alertmanager", "am-v4-01-firing-group-2alerts.json");
        HttpResponse<String> third = post("alertmanager", "am-v4-01-firing-group-2alerts.json");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).path("declared")).hasSize(1);
        assertThat(json(second).path("duplicates").asInt()).isEqualTo(2);
        assertThat(json(third).path("declared")).isEmpty();
        List<Incident> open = bot.bot.incidents().listOpen();
        assertThat(open).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.SEV1);
            assertThat(i.source()).isEqualTo("alertmanager");
            assertThat(i.title()).isEqualTo("HighErrorRate: 2 alerts firing on checkout");
        });
        Thread.sleep(400); // past the storm window: a late note would show now
        assertThat(announcements()).hasSize(1);
        assertThat(posts()).as("nothing but the announcement").hasSize(1);
        String shown = announcements().get(0).shown();
        assertThat(shown).contains("HighErrorRate", "5xx rate above 5% on checkout-1", "service=checkout",
                "https://runbooks.example.com/HighErrorRate", "http://prometheus.example.com/graph",
                "runbook High error rate", "Identify the error type", "2 alerts firing");
        assertThat(storedAlerts()).isEqualTo(2);
    }

    @Test
    void partialRecoveryIsNotedAndFullRecoveryResolvesByMonitoring() throws Exception {
        post("alertmanager", "am-v4-01-firing-group-2alerts.json");
        String id = bot.bot.incidents().listOpen().get(0).id();

        HttpResponse<String> partial = post("alertmanager", "am-v4-03-firing-one-resolved-in-group.json");
        assertThat(json(partial).path("resolved")).isEmpty();
        FakeSlackApi.Call note = slack.await(c -> c.method().equals("chat.postMessage") && c.param("text").contains("1 alert recovered"),
                Duration.ofSeconds(5));
        assertThat(note.param("thread_ts")).isNotNull();
        assertThat(note.param("text")).contains("Partial recovery", "1 alert still firing");
        assertThat(bot.bot.incidents().get(id).isOpen()).isTrue();

        HttpResponse<String> all = post("alertmanager", "am-v4-04-resolved-group.json");
        assertThat(json(all).path("resolved").get(0).asText()).isEqualTo(id);
        Incident resolved = bot.bot.incidents().get(id);
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.resolution()).contains("Resolved by monitoring");
        FakeSlackApi.Call done = slack.await(c -> c.method().equals("chat.postMessage") && c.param("text").startsWith("✅ INCIDENT RESOLVED"),
                Duration.ofSeconds(5));
        assertThat(done.shown()).contains(id, "Resolved by:*\\nmonitoring", "Duration");
        assertThat(bot.bot.incidents().timeline(id)).extracting(e -> e.kind()).contains(TimelineKind.ALERT, TimelineKind.RESOLVED);

        // Alertmanager repeats the resolved notification: nothing new
        int before = posts().size();
        post("alertmanager", "am-v4-04-resolved-group.json");
        assertThat(posts()).hasSize(before);
    }

    @Test
    void whenAPersonTookTheIncidentOverItStaysOpenWithANote() throws Exception {
        HttpResponse<String> r = post("grafana", "grafana-unified-firing.json");
        String id = json(r).path("declared").get(0).asText();
        bot.bot.incidents().assign(id, "U0ALICE", "U0ALICE");

        post("grafana", "grafana-unified-resolved.json");

        FakeSlackApi.Call note = slack.await(c -> c.method().equals("chat.postMessage") && c.param("text").contains("All alerts resolved"),
                Duration.ofSeconds(5));
        assertThat(note.param("text")).contains("/incident resolve " + id);
        assertThat(bot.bot.incidents().get(id).isOpen()).isTrue();
    }

    @Test
    void grafanasPayloadOpensAnIncidentLinkingBackToGrafana() throws Exception {
        HttpResponse<String> r = post("grafana", "grafana-unified-firing.json");

        assertThat(r.statusCode()).isEqualTo(200);
        Incident i = bot.bot.incidents().get(json(r).path("declared").get(0).asText());
        assertThat(i.source()).isEqualTo("grafana");
        assertThat(i.title()).isEqualTo("CheckoutLatencyHigh: p99 latency above 2s");
        assertThat(announcements()).singleElement().satisfies(c -> assertThat(c.shown()).contains("CheckoutLatencyHigh",
                "https://grafana.example.com/alerting/grafana/abc123/view?orgId=1|view in grafana", "grafana_folder=checkout"));
    }

    @Test
    void aWarningIsOneCompactPostWithoutAnIncident() throws Exception {
        HttpResponse<String> r = post("alertmanager", "am-v4-02-firing-single-amtool.json");

        assertThat(json(r).path("compactPosts").asInt()).isEqualTo(1);
        assertThat(bot.bot.incidents().listOpen()).isEmpty();
        FakeSlackApi.Call post = slack.await(c -> c.method().equals("chat.postMessage"), Duration.ofSeconds(5));
        assertThat(post.param("channel")).isEqualTo("C0INCIDENT");
        assertThat(post.param("text")).contains("SEV3 alert firing", "DiskAlmostFull", "Disk /var/lib/postgresql 91% full");

        post("alertmanager", "am-v4-05-resolved-single-amtool.json");
        slack.await(c -> c.method().equals("chat.postMessage") && c.param("text").contains("Alert resolved"), Duration.ofSeconds(5));
    }

    @Test
    void markupInLabelsAndAnnotationsReachesSlackEscaped() throws Exception {
        String evil = """
                {"version": "4", "status": "firing", "groupKey": "{}:{alertname=\\"EvilAlert\\"}",
                 "alerts": [{"status": "firing", "fingerprint": "e5e5",
                   "labels": {"alertname": "EvilAlert", "severity": "critical", "service": "<!channel> <@U0BOSS>"},
                   "annotations": {"summary": "<!here> click <https://evil.example|here>", "runbook_url": "javascript:alert(1)"},
                   "startsAt": "2026-11-22T21:50:46Z", "generatorURL": "https://x.example/<!channel>"}]}
                """;
        assertThat(post("alertmanager", evil.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

        List<FakeSlackApi.Call> shown = announcements();
        assertThat(shown).hasSize(1);
        String all = shown.get(0).shown();
        assertThat(all).contains("EvilAlert", "&lt;!channel&gt;", "&lt;!here&gt;")
                .doesNotContain("<!channel>", "<!here>", "<@U0BOSS>", "<https://evil", "<javascript:");
    }

    @Test
    void theGenericFormatOpensAndResolvesByKey() throws Exception {
        String firing = """
                {"title": "Risk score p95 above 600 ms", "severity": "critical", "status": "firing", "key": "risk-p95",
                 "description": "v1.3 requests time out", "labels": {"service": "risk-score"}, "url": "https://grafana.example.com/d/risk"}
                """;
        HttpResponse<String> r = post("generic", firing.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        String id = json(r).path("declared").get(0).asText();
        assertThat(bot.bot.incidents().get(id).title()).isEqualTo("Risk score p95 above 600 ms");

        post("generic", "{\"status\": \"resolved\", \"key\": \"risk-p95\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(bot.bot.incidents().get(id).isOpen()).isFalse();
    }

    @Test
    void aStormOfAThousandAlertsBecomesOneIncidentPerGroupNotAThousandMessages() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> replies = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            int group = i % 4;
            String body = """
                    {"version": "4", "status": "firing", "groupKey": "storm-%d",
                     "alerts": [{"status": "firing", "fingerprint": "storm-%d",
                       "labels": {"alertname": "Storm%d", "severity": "critical", "instance": "i-%d"},
                       "annotations": {"summary": "storm"}, "startsAt": "2026-11-22T21:50:46Z"}]}
                    """.formatted(group, i, group, i);
            replies.add(pool.submit(() -> post("alertmanager", body.getBytes(StandardCharsets.UTF_8))));
        }
        for (Future<HttpResponse<String>> f : replies) {
            assertThat(f.get().statusCode()).isEqualTo(200);
        }
        pool.shutdown();
        long windows = Duration.ofNanos(System.nanoTime() - started).toMillis() / 300 + 2;

        assertThat(bot.bot.incidents().listOpen()).hasSize(4);
        assertThat(storedAlerts()).isEqualTo(1000);
        Thread.sleep(700); // let the last storm windows end
        List<FakeSlackApi.Call> posted = posts();
        assertThat(announcements()).hasSize(4);
        assertThat(posted.size()).as("per group at most one post per 300 ms storm window, not 1,000")
                .isLessThanOrEqualTo((int) (4 * windows + 4)).isLessThan(200);
        int joined = 0;
        for (FakeSlackApi.Call c : posted) {
            var m = java.util.regex.Pattern.compile("➕ (\\d+) alerts? joined").matcher(c.param("text"));
            if (m.find()) {
                joined += Integer.parseInt(m.group(1));
            }
        }
        assertThat(joined).as("every alert but the four that opened incidents is counted in a note").isEqualTo(996);
    }
}
