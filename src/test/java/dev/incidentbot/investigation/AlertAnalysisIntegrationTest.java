package dev.incidentbot.investigation;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.support.Alertmanager;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.TestBot;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the real Prometheus Alertmanager notifies the in-process bot; the incident its alert opens is analysed
 * from a file source (a rotated, half-gzipped log) and the root cause lands in the incident's thread, with its chart
 * uploaded there and the cause recorded on the incident.
 */
@BothStores
class AlertAnalysisIntegrationTest {
    private final TestStore store;

    AlertAnalysisIntegrationTest(TestStore store) {
        this.store = store;
    }


    @Test
    void anAlertThroughAlertmanagerGetsItsRootCauseAndChartInTheIncidentThread(@TempDir Path dir) throws Exception {
        Optional<Path> am = Alertmanager.binary();
        if (am.isEmpty() && System.getenv("CI") != null) {
            fail("prometheus-alertmanager is not installed; .ci/run installs it");
        }
        assumeTrue(am.isPresent(), "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Instant now = Instant.now();
        writeRotatedLog(logs, now);
        Path sources = dir.resolve("sources.yml");
        Files.writeString(sources, """
                sources:
                  - name: checkout-api
                    type: file
                    path: "%s/api.ndjson*"
                    match: {service: checkout}
                """.formatted(logs));
        try (FakeSlackApi slack = new FakeSlackApi();
             TestBot bot = TestBot.start(store, dir.resolve("bot"), slack, Clock.systemUTC(), Map.of("LOG_SOURCES", sources.toString()));
             Alertmanager manager = Alertmanager.start(am.get(), dir.resolve("am"), bot.url("/webhooks/alertmanager"), TestBot.WEBHOOK_TOKEN)) {
            manager.post("""
                    [{"labels": {"alertname": "CheckoutLatencyHigh", "service": "checkout", "severity": "critical"},
                      "annotations": {"summary": "p95 latency of checkout above 400 ms"}, "startsAt": "%s"}]
                    """.formatted(now.minusSeconds(300)));

            FakeSlackApi.Call announced = slack.await(c -> c.method().equals("chat.postMessage")
                    && c.param("text").startsWith("🚨 INCIDENT") && c.param("text").contains("CheckoutLatencyHigh"), Duration.ofSeconds(30));
            Incident incident = bot.bot.incidents().listOpen().get(0);
            String root = slack.calls("chat.postMessage").stream().filter(c -> c == announced).findFirst().orElseThrow()
                    .param("text").contains(incident.id()) ? incident.id() : fail("the announcement names another incident");
            String ts = announcementTs(bot, root);
            FakeSlackApi.Call summary = slack.await(c -> c.method().equals("chat.postMessage")
                    && ts.equals(c.param("thread_ts")) && c.param("text").startsWith("Root cause"), Duration.ofSeconds(60));
            assertThat(summary.param("text")).contains("checkout-api", "version=2.4.1").doesNotContain("ap-south-1");
            assertThat(summary.shown()).contains("Re-run analysis", "Immediate action");

            FakeSlackApi.Call share = slack.await(c -> c.method().equals("files.completeUploadExternal")
                    && ts.equals(c.param("thread_ts")), Duration.ofSeconds(30));
            assertThat(share.param("channel_id")).isEqualTo("C0INCIDENT");
            // the long report and the chart are two uploads in that order; wait for the chart's bytes
            FakeSlackApi.Call chart = slack.await(c -> c.method().equals("upload") && c.params().path("png").asBoolean(),
                    Duration.ofSeconds(30));
            assertThat(chart.params().get("bytes").asInt()).isGreaterThan(5_000);
            Incident after = bot.bot.incidents().get(root);
            assertThat(after.rootCause()).contains("version=2.4.1");
            assertThat(bot.bot.incidents().timeline(root)).anySatisfy(e -> assertThat(e.text()).startsWith("Root cause identified: version=2.4.1"));
        }
    }

    /** The announcement's ts, the thread root, once the outbox has recorded Slack's answer. */
    private static String announcementTs(TestBot bot, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String ts = bot.bot.incidents().get(id).messageTs();
            if (ts != null) {
                return ts;
            }
            Thread.sleep(20);
        }
        return fail("the announcement of " + id + " got no ts within 10 s");
    }

    /** 20k requests over 45 minutes; version 2.4.1 takes 40% of traffic for the last 12, 8x slower, 30% timeouts. */
    static void writeRotatedLog(Path dir, Instant now) throws Exception {
        java.util.Random rnd = new java.util.Random(20261203);
        String[] regions = {"eu-west-1", "us-east-1", "ap-south-1"};
        StringBuilder older = new StringBuilder();
        StringBuilder newer = new StringBuilder();
        Instant start = now.minus(Duration.ofMinutes(45));
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Instant t = start.plusMillis((long) (i * 45 * 60_000.0 / n));
            String region = regions[rnd.nextInt(3)];
            boolean late = t.isAfter(now.minus(Duration.ofMinutes(12)));
            String version = late && rnd.nextDouble() < 0.4 ? "2.4.1" : "2.4.0";
            double ms = Math.max(5, 80 + rnd.nextGaussian() * 20) * (region.equals("ap-south-1") ? 1.3 : 1.0);
            String status = rnd.nextDouble() < 0.01 ? "error" : "ok";
            if (version.equals("2.4.1")) {
                ms *= 8;
                status = rnd.nextDouble() < 0.3 ? "timeout" : status;
            }
            (i < n / 2 ? older : newer).append(String.format(java.util.Locale.ROOT,
                    "{\"timestamp\":\"%s\",\"service\":\"checkout\",\"region\":\"%s\",\"version\":\"%s\",\"latency_ms\":%.1f,\"status\":\"%s\"}%n",
                    t, region, version, ms, status));
        }
        Path gz = dir.resolve("api.ndjson.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(older.toString().getBytes(StandardCharsets.UTF_8));
        }
        Files.setLastModifiedTime(gz, FileTime.from(now.minus(Duration.ofMinutes(22))));
        Files.writeString(dir.resolve("api.ndjson"), newer);
    }
}
