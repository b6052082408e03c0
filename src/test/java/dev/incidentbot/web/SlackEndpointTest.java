package dev.incidentbot.web;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.SlackRequests;
import dev.incidentbot.support.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP edge with signed requests on loopback, against an in-process fake Slack Web API. */
@BothStores
class SlackEndpointTest {
    private final TestStore store;

    SlackEndpointTest(TestStore store) {
        this.store = store;
    }

    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestBot bot;
    MutableClock clock = new MutableClock(Instant.now());
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi();
        bot = TestBot.start(store, dir, slack, clock, Map.of());
    }

    @AfterEach
    void stop() {
        bot.close();
        slack.close();
    }

    @Test
    void helpIsAnsweredInTheAckWithEveryUsage() throws Exception {
        HttpResponse<String> r = bot.requests.command("help", "U0ALICE", "C0INCIDENT", slack.responseUrl("r1"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("ephemeral", "declare", "status", "severity", "assign", "resolve", "timeline", "list", "show", "SEV1");
    }

    @Test
    void refusesBadSignaturesAndStaleOrFutureTimestampsAndRunsNothing() throws Exception {
        String body = SlackRequests.commandBody("declare Should never exist sev1", "U0ALICE", "C0INCIDENT", slack.responseUrl("x"));
        long now = clock.instant().getEpochSecond();
        assertThat(bot.requests.post(body, "application/x-www-form-urlencoded", null, true, null).statusCode()).isEqualTo(401);
        assertThat(bot.requests.post(body, "application/x-www-form-urlencoded", now - 600, false, null).statusCode()).isEqualTo(401);
        assertThat(bot.requests.post(body, "application/x-www-form-urlencoded", now + 600, false, null).statusCode()).isEqualTo(401);
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(bot.url("/slack/events")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        Thread.sleep(300);
        assertThat(bot.bot.incidents().listOpen()).isEmpty();
        assertThat(slack.calls()).noneMatch(c -> c.method().equals("chat.postMessage") || c.method().equals("response_url"));
    }

    @Test
    void echoesTheUrlVerificationChallenge() throws Exception {
        HttpResponse<String> r = bot.requests.post("{\"token\":\"x\",\"challenge\":\"ch4llenge\",\"type\":\"url_verification\"}",
                "application/json", null, false, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("ch4llenge");
    }

    @Test
    void healthAndMetricsAnswer() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(bot.url("/health"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"store\":\"up\"");
        bot.requests.command("help", "U0ALICE", "C0INCIDENT", "");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(bot.url("/metrics"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count{method=\"POST\",route=\"/slack/events\",status=\"200\"}")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void unknownPathsAndOversizedBodiesAreRefused() throws Exception {
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(bot.url("/nope"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        // Refused on the declared length before anything is read; only the head is sent so nothing races the close.
        assertThat(dev.incidentbot.support.RawHttp.statusForDeclaredLength(bot.bot.port(), "/slack/events", 5 * 1024 * 1024))
                .isEqualTo(413);
    }
}
