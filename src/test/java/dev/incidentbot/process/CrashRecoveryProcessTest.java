package dev.incidentbot.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.BotProcess;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot as a child process killed with kill -9 at the worst moments, then started again on the same store:
 * nothing acknowledged is lost and nothing is said twice. Run alone with {@code -Dgroups=process}.
 */
@Tag("process")
@BothStores
class CrashRecoveryProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A row the killed process had claimed is sent again once its claim's lease (OUTBOX_LEASE) ran out. */
    private static final Duration AFTER_RESTART = BotProcess.LEASE.plus(WAIT);
    /** How long to keep listening for a duplicate once the one expected post came. */
    private static final Duration LATE = Duration.ofSeconds(3);

    private final TestStore store;
    @TempDir
    Path dir;
    FakeSlackApi slack;
    BotProcess bot;

    CrashRecoveryProcessTest(TestStore store) {
        this.store = store;
    }

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    static String alert(String name) {
        return """
                {"version": "4", "status": "firing", "receiver": "incident-bot", "groupKey": "{}:{alertname=\\"%s\\"}",
                 "groupLabels": {"alertname": "%s"}, "commonLabels": {"alertname": "%s", "severity": "critical"},
                 "alerts": [{"status": "firing", "fingerprint": "fp-%s",
                   "labels": {"alertname": "%s", "severity": "critical", "service": "checkout"},
                   "annotations": {"summary": "%s: checkout error rate above 5%%"}, "startsAt": "2026-11-22T21:50:46Z"}]}
                """.formatted(name, name, name, name, name, name);
    }

    /** Accepted (or, with {@code refusedToo}, every) chat.postMessage announcing an incident whose text has {@code key}. */
    private List<FakeSlackApi.Call> announcements(String key, boolean refusedToo) {
        return (refusedToo ? slack.attempts("chat.postMessage") : slack.calls("chat.postMessage")).stream()
                .filter(c -> c.shown().contains("INCIDENT") && !c.shown().contains("RESOLVED") && c.shown().contains(key)).toList();
    }

    /** When each call came and with what answer: short enough to read in a failure. */
    private static List<String> sent(List<FakeSlackApi.Call> calls) {
        return calls.stream().map(c -> c.at() + " " + c.status() + " " + c.auth()).toList();
    }

    private void awaitAnnounced(String key) throws InterruptedException {
        long deadline = System.nanoTime() + AFTER_RESTART.toNanos();
        while (announcements(key, false).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(announcements(key, false)).as("announcement of %s posted within %s", key, AFTER_RESTART).isNotEmpty();
        Thread.sleep(LATE.toMillis());
    }

    private int count(String sql) {
        try (Database db = store.open(dir.resolve("store"))) {
            return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
        }
    }

    @Test
    void killedRightAfterAWebhookGotIts200TheIncidentExistsOnceAndIsAnnouncedOnce() throws Exception {
        slack = new FakeSlackApi();
        bot = BotProcess.start("bot", dir, slack, store.env(dir.resolve("store")), Map.of());

        assertThat(bot.webhook("alertmanager", alert("KillAfterAck")).statusCode()).isEqualTo(200);
        bot.kill9();
        bot.start();

        awaitAnnounced("KillAfterAck");
        assertThat(sent(announcements("KillAfterAck", false))).as("announced exactly once across the kill").hasSize(1);
        assertThat(bot.sigterm(Duration.ofSeconds(10)).exitCode()).isZero();
        assertThat(count("SELECT COUNT(*) FROM incidents")).as("incidents after the kill and restart").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM alerts")).isEqualTo(1);
    }

    @Test
    void killedBetweenTheCommitAndTheSendTheAnnouncementIsPostedOnceAfterTheRestart() throws Exception {
        slack = new FakeSlackApi().failFirst(Integer.MAX_VALUE); // Slack down: every chat call answered 503
        bot = BotProcess.start("bot", dir, slack, store.env(dir.resolve("store")), Map.of());

        var ack = bot.slack().command("declare Ledger writes stalling sev2", "U0ALICE", "C0INCIDENT", slack.responseUrl("d"));
        assertThat(ack.statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (announcements("Ledger writes stalling", true).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // the row is committed (a send was tried) but Slack has not taken it
        assertThat(announcements("Ledger writes stalling", true)).as("refused attempts before the kill").isNotEmpty()
                .extracting(FakeSlackApi.Call::status).containsOnly(503);
        int refused = announcements("Ledger writes stalling", true).size();
        bot.kill9();

        slack.failFirst(0); // Slack is back
        bot.start();
        awaitAnnounced("Ledger writes stalling");
        assertThat(sent(announcements("Ledger writes stalling", false))).as("posted exactly once after the restart").hasSize(1);
        assertThat(sent(announcements("Ledger writes stalling", true))).as("every attempt: the refused ones and the one accepted")
                .hasSizeGreaterThanOrEqualTo(refused + 1);
        assertThat(bot.sigterm(Duration.ofSeconds(10)).exitCode()).isZero();
        assertThat(count("SELECT COUNT(*) FROM incidents")).isEqualTo(1);
    }

    @Test
    void killedWhileAnAlertsAnalysisRanTheAnalysisIsPostedOnceAfterTheRestart() throws Exception {
        try (HeldLoki loki = HeldLoki.start()) {
            slack = new FakeSlackApi();
            Path sources = Files.writeString(dir.resolve("sources.yml"), """
                    sources:
                      - name: checkout-loki
                        type: loki
                        url: %s
                        query: '{service="${service}"}'
                        match: {service: checkout}
                    """.formatted(loki.url()));
            bot = BotProcess.start("bot", dir, slack, store.env(dir.resolve("store")), Map.of("LOG_SOURCES", sources.toString()));
            String alert = alert("AnalysedAcrossKill").replace("2026-11-22T21:50:46Z", Instant.now().minusSeconds(300).toString());

            assertThat(bot.webhook("alertmanager", alert).statusCode()).isEqualTo(200);
            assertThat(loki.awaitRequests(1, WAIT)).as("the analysis asked Loki (and is held there)").isTrue();
            bot.kill9();
            loki.release(); // from now on every query is answered at once
            bot.start();

            long deadline = System.nanoTime() + AFTER_RESTART.toNanos();
            while (rootCauses().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(rootCauses()).as("root cause posted within %s of the restart", AFTER_RESTART).isNotEmpty();
            Thread.sleep(LATE.toMillis());
            assertThat(rootCauses()).as("posted exactly once across the kill").hasSize(1);
            assertThat(rootCauses().get(0).param("text")).contains("checkout-loki", "version=2.4.1");
            assertThat(loki.requests()).as("the held query, then the rerun's").isEqualTo(2);
            assertThat(bot.sigterm(Duration.ofSeconds(10)).exitCode()).isZero();
            assertThat(count("SELECT COUNT(*) FROM analyses")).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM incidents")).isEqualTo(1);
        }
    }

    /** One delivery of group {@code service="checkout"} with one firing alert named {@code name}. */
    static String checkoutAlert(String name) {
        return """
                {"version": "4", "status": "firing", "receiver": "incident-bot", "groupKey": "{}:{service=\\"checkout\\"}",
                 "groupLabels": {"service": "checkout"}, "commonLabels": {"service": "checkout", "severity": "critical"},
                 "alerts": [{"status": "firing", "fingerprint": "fp-%1$s",
                   "labels": {"alertname": "%1$s", "severity": "critical", "service": "checkout"},
                   "annotations": {"summary": "%1$s on checkout"}, "startsAt": "2026-11-22T21:50:46Z"}]}
                """.formatted(name);
    }

    @Test
    void killedWhileStormControlHeldANoteTheNoteIsPostedOnceAfterTheRestart() throws Exception {
        slack = new FakeSlackApi();
        Path rules = Files.writeString(dir.resolve("rules.yml"), "stormWindow: PT5S\n");
        bot = BotProcess.start("bot", dir, slack, store.env(dir.resolve("store")), Map.of("ALERT_RULES", rules.toString()));

        assertThat(bot.webhook("alertmanager", checkoutAlert("StormOpens")).statusCode()).isEqualTo(200);
        awaitAnnounced("StormOpens");
        assertThat(bot.webhook("alertmanager", checkoutAlert("StormJoinsFirst")).statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (notes("StormJoinsFirst").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(notes("StormJoinsFirst")).as("a quiet group's first change is noted at once").hasSize(1);
        // inside the 5 s window: storm control holds this note in memory, and the process dies with it
        assertThat(bot.webhook("alertmanager", checkoutAlert("StormHeldBack")).statusCode()).isEqualTo(200);
        bot.kill9();
        assertThat(notes("StormHeldBack")).isEmpty();
        bot.start();

        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (notes("StormHeldBack").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(notes("StormHeldBack")).as("the held note, posted from the stored alerts after the restart").hasSize(1);
        Thread.sleep(LATE.toMillis());
        assertThat(notes("StormHeldBack")).as("posted once").hasSize(1);
        assertThat(notes("StormJoinsFirst")).as("the note that was posted is not posted again").hasSize(1);
        assertThat(bot.sigterm(Duration.ofSeconds(10)).exitCode()).isZero();
        assertThat(count("SELECT COUNT(*) FROM incidents")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM alerts")).isEqualTo(3);
    }

    /** Thread replies (alert notes) that name {@code name}. */
    private List<FakeSlackApi.Call> notes(String name) {
        return slack.calls("chat.postMessage").stream()
                .filter(c -> c.param("thread_ts") != null && c.shown().contains(name)).toList();
    }

    private List<FakeSlackApi.Call> rootCauses() {
        return slack.calls("chat.postMessage").stream().filter(c -> c.param("text").startsWith("Root cause")).toList();
    }

    /**
     * Loki's query_range on loopback, as its API documents it, serving a log in which version 2.4.1 turned slow five
     * minutes ago; it holds every query until {@link #release} (the analysis in flight when the bot is killed).
     */
    static final class HeldLoki implements AutoCloseable {
        private final HttpServer server;
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger requests = new AtomicInteger();
        private final String body;

        private HeldLoki(HttpServer server, String body) {
            this.server = server;
            this.body = body;
        }

        static HeldLoki start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            HeldLoki loki = new HeldLoki(server, page(Instant.now()));
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/loki/api/v1/query_range", exchange -> {
                loki.requests.incrementAndGet();
                try {
                    loki.released.await(60, TimeUnit.SECONDS);
                    byte[] b = loki.body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, b.length);
                    exchange.getResponseBody().write(b);
                } catch (InterruptedException | IOException e) {
                    // the bot that asked was killed: nobody reads this answer
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return loki;
        }

        /** 40 minutes of checkout requests up to {@code now}; from 5 minutes ago 2.4.1 takes 40% and is ten times slower. */
        private static String page(Instant now) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode().put("status", "success");
            ObjectNode data = root.putObject("data").put("resultType", "streams");
            ObjectNode stream = data.putArray("result").addObject();
            stream.putObject("stream").put("service", "checkout");
            ArrayNode values = stream.putArray("values");
            Random rnd = new Random(11);
            Instant from = now.minus(Duration.ofMinutes(40));
            for (int i = 0; i < 2400; i++) {
                Instant t = from.plusMillis(i * 1000L);
                boolean late = t.isAfter(now.minus(Duration.ofMinutes(5)));
                String version = late && rnd.nextDouble() < 0.4 ? "2.4.1" : "2.4.0";
                long ms = Math.round(Math.max(5, 80 + rnd.nextGaussian() * 10 + (version.equals("2.4.1") ? 800 : 0)));
                long ns = t.getEpochSecond() * 1_000_000_000L + t.getNano();
                values.addArray().add(Long.toString(ns)).add("{\"endpoint\":\"/api/pay\",\"version\":\"" + version
                        + "\",\"latency_ms\":" + ms + ",\"status\":200}");
            }
            return root.toString();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        boolean awaitRequests(int n, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (requests.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return requests.get() >= n;
        }

        int requests() {
            return requests.get();
        }

        void release() {
            released.countDown();
        }

        @Override
        public void close() {
            released.countDown();
            server.stop(0);
        }
    }
}
