package dev.incidentbot.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.support.BotProcess;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one PostgreSQL database; the one that took the incident is killed with kill -9 before its reminder
 * and escalation are due: the other one fires them (Quartz cluster recovery), each once.
 */
@Tag("process")
class ReplicaFailoverProcessTest {
    private static final int INTERVAL_S = 6;
    @TempDir
    Path dir;

    @Test
    void theSurvivorFiresTheKilledReplicasReminderAndEscalationEachOnce() throws Exception {
        Map<String, String> db = TestStore.POSTGRESQL.env(dir.resolve("store"));
        Map<String, String> timing = Map.of("REMINDER_INTERVAL", "PT" + INTERVAL_S + "S", "ESCALATION", "PT8S=U0MGR");
        try (FakeSlackApi slack = new FakeSlackApi();
             BotProcess a = BotProcess.start("a", dir, slack, db, with(timing, "SLACK_BOT_TOKEN", "xoxb-replica-a"));
             BotProcess b = BotProcess.start("b", dir, slack, db, with(timing, "SLACK_BOT_TOKEN", "xoxb-replica-b"))) {
            assertThat(a.slack().command("declare Payments queue backing up sev2", "U0ALICE", "C0INCIDENT",
                    slack.responseUrl("d")).statusCode()).isEqualTo(200);
            slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("Payments queue backing up"),
                    Duration.ofSeconds(20));
            a.kill9();
            Instant killed = Instant.now();

            FakeSlackApi.Call escalation = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("U0MGR"),
                    Duration.ofSeconds(60));
            slack.await(c -> c.method().equals("chat.postMessage") && reminder(c) && c.at().isAfter(killed), Duration.ofSeconds(60));
            Thread.sleep(INTERVAL_S * 1000L); // long enough for a doubled reminder or a second escalation to show

            assertThat(escalation.auth()).as("the escalation came from the survivor").endsWith("replica-b");
            // an escalation is posted in the incident's thread and broadcast to the channel: once in each place
            assertThat(slack.calls("chat.postMessage").stream().filter(c -> c.shown().contains("U0MGR"))
                    .map(c -> c.param("channel") + "/" + c.param("thread_ts")).toList())
                    .as("escalation posts by place").isNotEmpty().doesNotHaveDuplicates();
            List<FakeSlackApi.Call> reminders = slack.calls("chat.postMessage").stream().filter(ReplicaFailoverProcessTest::reminder).toList();
            long elapsed = Duration.between(killed, Instant.now()).toSeconds() + 5; // +5: time before the kill
            assertThat(reminders.stream().map(c -> c.at() + " " + c.auth()).toList())
                    .as("reminders: at least one after the kill, never more than one per interval")
                    .isNotEmpty().hasSizeLessThanOrEqualTo((int) (elapsed / INTERVAL_S) + 1);
            assertThat(reminders).filteredOn(c -> c.at().isAfter(killed)).extracting(FakeSlackApi.Call::auth)
                    .as("reminders after the kill come from the survivor").isNotEmpty().allMatch(auth -> auth.endsWith("replica-b"));
            assertThat(b.sigterm(Duration.ofSeconds(10)).exitCode()).isZero();
        }
    }

    private static boolean reminder(FakeSlackApi.Call c) {
        return c.shown().matches("(?is).*(remind|update due|overdue).*") && !c.shown().contains("U0MGR");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        var m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
