package dev.incidentbot.process;

import static org.assertj.core.api.Assertions.assertThat;

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
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (announcements(key, false).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(announcements(key, false)).as("announcement of %s posted within %s", key, WAIT).isNotEmpty();
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
}
