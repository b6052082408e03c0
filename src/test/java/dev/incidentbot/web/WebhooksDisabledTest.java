package dev.incidentbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhooksDisabledTest {

    @Test
    void withoutAWebhookTokenTheWebhooksAnswer503(@TempDir Path dir) throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(); TestBot bot = TestBot.start(dir, slack, Clock.systemUTC(), Map.of("WEBHOOK_TOKEN", ""))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bot.url("/webhooks/generic")))
                    .header("Authorization", "Bearer anything")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"k\",\"title\":\"t\"}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("webhooks are disabled", "WEBHOOK_TOKEN");
            assertThat(bot.bot.incidents().listOpen()).isEmpty();
        }
    }
}
