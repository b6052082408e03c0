package dev.incidentbot.alert;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.support.Alertmanager;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.TestBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus Alertmanager (Debian package prometheus-alertmanager) on loopback, clustering off, notifying the
 * in-process bot: a critical alert posted to its API opens one incident, announced once; ending it resolves it.
 * Skipped when the binary is missing, unless CI is set (then it fails: CI installs it).
 */
@BothStores
class AlertmanagerIntegrationTest {
    private final TestStore store;

    AlertmanagerIntegrationTest(TestStore store) {
        this.store = store;
    }


    @Test
    void aCriticalAlertThroughAlertmanagerOpensOneIncidentAndItsEndResolvesIt(@TempDir Path dir) throws Exception {
        Optional<Path> am = Alertmanager.binary();
        if (am.isEmpty() && System.getenv("CI") != null) {
            fail("prometheus-alertmanager is not installed; .ci/run installs it");
        }
        assumeTrue(am.isPresent(), "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)");

        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, "stormWindow: PT0.2S\n");
        try (FakeSlackApi slack = new FakeSlackApi();
             TestBot bot = TestBot.start(store, dir.resolve("bot"), slack, Clock.systemUTC(), Map.of("ALERT_RULES", rules.toString()));
             Alertmanager manager = Alertmanager.start(am.get(), dir.resolve("am"), bot.url("/webhooks/alertmanager"), TestBot.WEBHOOK_TOKEN)) {
            Instant started = Instant.now().minusSeconds(60);
            String alert = """
                    [{"labels": {"alertname": "RiskScoreLatencyHigh", "service": "risk-score", "severity": "critical", "env": "prod"},
                      "annotations": {"summary": "p95 latency of /risk-score above 600 ms", "runbook_url": "https://runbooks.example.com/risk"},
                      "generatorURL": "http://prometheus.example.com/graph?g0.expr=risk", "startsAt": "%s"%s}]
                    """;
            manager.post(alert.formatted(started, ""));

            waitFor(() -> !bot.bot.incidents().listOpen().isEmpty(), Duration.ofSeconds(20), "an incident from Alertmanager");
            Incident incident = bot.bot.incidents().listOpen().get(0);
            assertThat(incident.title()).startsWith("RiskScoreLatencyHigh");
            assertThat(incident.source()).isEqualTo("alertmanager");
            FakeSlackApi.Call announced = slack.await(c -> c.method().equals("chat.postMessage")
                    && c.param("text").startsWith("🚨 INCIDENT") && c.param("text").contains(incident.id()), Duration.ofSeconds(10));
            assertThat(announced.shown()).contains("p95 latency of /risk-score above 600 ms", "https://runbooks.example.com/risk");

            manager.post(alert.formatted(started, ", \"endsAt\": \"" + Instant.now().minusSeconds(1) + "\""));
            waitFor(() -> bot.bot.incidents().get(incident.id()).status() == IncidentStatus.RESOLVED, Duration.ofSeconds(20),
                    "the incident to be resolved once Alertmanager reports recovery");
            slack.await(c -> c.method().equals("chat.postMessage") && c.param("text").startsWith("✅ INCIDENT RESOLVED")
                    && c.param("text").contains(incident.id()), Duration.ofSeconds(10));
            assertThat(bot.bot.outbox().awaitIdle(5000)).isTrue();
            List<FakeSlackApi.Call> announcements = slack.calls("chat.postMessage").stream()
                    .filter(c -> c.param("text").startsWith("🚨 INCIDENT")).toList();
            assertThat(announcements).as("announced once").hasSize(1);
            assertThat(bot.bot.incidents().timeline(incident.id())).extracting(e -> e.actor()).contains("monitoring");
        }
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
}
