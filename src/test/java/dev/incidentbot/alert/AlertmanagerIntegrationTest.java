package dev.incidentbot.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.TestBot;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus Alertmanager (Debian package prometheus-alertmanager) on loopback, clustering off, notifying the
 * in-process bot: a critical alert posted to its API opens one incident, announced once; ending it resolves it.
 * Skipped when the binary is missing, unless CI is set (then it fails: CI installs it).
 */
class AlertmanagerIntegrationTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "prometheus-alertmanager");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        Path usual = Path.of("/usr/bin/prometheus-alertmanager");
        return Files.isExecutable(usual) ? Optional.of(usual) : Optional.empty();
    }

    @Test
    void aCriticalAlertThroughAlertmanagerOpensOneIncidentAndItsEndResolvesIt(@TempDir Path dir) throws Exception {
        Optional<Path> am = binary();
        if (am.isEmpty() && System.getenv("CI") != null) {
            fail("prometheus-alertmanager is not installed; .ci/run installs it");
        }
        assumeTrue(am.isPresent(), "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)");

        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, "stormWindow: PT0.2S\n");
        try (FakeSlackApi slack = new FakeSlackApi();
             TestBot bot = TestBot.start(dir.resolve("bot"), slack, Clock.systemUTC(), Map.of("ALERT_RULES", rules.toString()))) {
            int port = freePort();
            Path config = dir.resolve("am.yml");
            Files.writeString(config, """
                    route:
                      receiver: bot
                      group_by: ['alertname', 'service']
                      group_wait: 1s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: bot
                        webhook_configs:
                          - url: %s
                            send_resolved: true
                            http_config:
                              authorization:
                                type: Bearer
                                credentials: %s
                    """.formatted(bot.url("/webhooks/alertmanager"), TestBot.WEBHOOK_TOKEN));
            Process process = new ProcessBuilder(am.get().toString(), "--config.file=" + config,
                    "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile()).start();
            try {
                String base = "http://127.0.0.1:" + port;
                waitFor(() -> get(base + "/-/ready") == 200, Duration.ofSeconds(20), "Alertmanager to be ready");
                Instant started = Instant.now().minusSeconds(60);
                String alert = """
                        [{"labels": {"alertname": "RiskScoreLatencyHigh", "service": "risk-score", "severity": "critical", "env": "prod"},
                          "annotations": {"summary": "p95 latency of /risk-score above 600 ms", "runbook_url": "https://runbooks.example.com/risk"},
                          "generatorURL": "http://prometheus.example.com/graph?g0.expr=risk", "startsAt": "%s"%s}]
                        """;
                assertThat(postJson(base + "/api/v2/alerts", alert.formatted(started, ""))).isEqualTo(200);

                waitFor(() -> !bot.bot.incidents().listOpen().isEmpty(), Duration.ofSeconds(20), "an incident from Alertmanager");
                Incident incident = bot.bot.incidents().listOpen().get(0);
                assertThat(incident.title()).startsWith("RiskScoreLatencyHigh");
                assertThat(incident.source()).isEqualTo("alertmanager");
                FakeSlackApi.Call announced = slack.await(c -> c.method().equals("chat.postMessage")
                        && c.param("text").startsWith("🚨 INCIDENT") && c.param("text").contains(incident.id()), Duration.ofSeconds(10));
                assertThat(announced.shown()).contains("p95 latency of /risk-score above 600 ms", "https://runbooks.example.com/risk");

                assertThat(postJson(base + "/api/v2/alerts", alert.formatted(started, ", \"endsAt\": \"" + Instant.now().minusSeconds(1) + "\"")))
                        .isEqualTo(200);
                waitFor(() -> bot.bot.incidents().get(incident.id()).status() == IncidentStatus.RESOLVED, Duration.ofSeconds(20),
                        "the incident to be resolved once Alertmanager reports recovery");
                slack.await(c -> c.method().equals("chat.postMessage") && c.param("text").startsWith("✅ INCIDENT RESOLVED")
                        && c.param("text").contains(incident.id()), Duration.ofSeconds(10));
                assertThat(bot.bot.outbox().awaitIdle(5000)).isTrue();
                List<FakeSlackApi.Call> announcements = slack.calls("chat.postMessage").stream()
                        .filter(c -> c.param("text").startsWith("🚨 INCIDENT")).toList();
                assertThat(announcements).as("announced once").hasSize(1);
                assertThat(bot.bot.incidents().timeline(incident.id())).extracting(e -> e.actor()).contains("monitoring");
            } finally {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private int get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private int postJson(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void waitFor(Supplier<Boolean> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("waited " + timeout.toSeconds() + " s for " + what);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
