package dev.incidentbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With SLACK_APP_TOKEN the bot opens Socket Mode through the Web API and keeps serving HTTP meanwhile. */
class SocketModeTest {
    @TempDir
    Path dir;

    @Test
    void asksForASocketUrlWithTheAppTokenAndKeepsServingHealth() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi();
             TestBot bot = TestBot.start(dir, slack, new MutableClock(Instant.now()),
                     Map.of("SLACK_APP_TOKEN", "xapp-1-test", "SLACK_SIGNING_SECRET", ""))) {
            var open = slack.await(c -> c.method().equals("apps.connections.open"), Duration.ofSeconds(10));
            assertThat(open.auth()).isEqualTo("Bearer xapp-1-test");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bot.url("/health"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("socket-mode");
            HttpResponse<String> events = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bot.url("/slack/events")))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(events.statusCode()).as("no HTTP Slack endpoint in Socket Mode").isEqualTo(404);
        }
    }
}
