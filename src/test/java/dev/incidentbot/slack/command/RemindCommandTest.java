package dev.incidentbot.slack.command;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentbot.UserError;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.incident.TimelineKind;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.FakeSlackApi.Call;
import dev.incidentbot.support.TestBot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /incident remind} through the signed Slack endpoint, against real Quartz on an H2 file. */
@BothStores
class RemindCommandTest {
    private final TestStore store;

    RemindCommandTest(TestStore store) {
        this.store = store;
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestBot bot;
    Incident incident;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi();
        bot = TestBot.start(store, dir, slack, Clock.systemUTC(), Map.of("REMINDER_INTERVAL", "PT1S", "ESCALATION", "PT1H=U0MANAGER"));
        incident = bot.bot.incidents().declare(new IncidentService.Declaration("Payments slow", Severity.SEV2, null, "U0ALICE",
                "C0INCIDENT", "slack"));
    }

    @AfterEach
    void stop() {
        bot.close();
        slack.close();
    }

    private Call run(String text, String expectInReply) throws Exception {
        String name = "r" + System.nanoTime();
        assertThat(bot.requests.command(text, "U0ALICE", "C0INCIDENT", slack.responseUrl(name)).statusCode()).isEqualTo(200);
        return slack.await(c -> c.method().equals("response_url") && c.shown().contains(expectInReply), WAIT);
    }

    private long reminders() {
        return slack.calls("chat.postMessage").stream().filter(c -> c.shown().contains(incident.id() + ": status update due")).count();
    }

    private List<TimelineEntry> reminderTimeline() {
        return bot.bot.incidents().timeline(incident.id()).stream().filter(e -> e.kind() == TimelineKind.REMINDER).toList();
    }

    @Test
    void offPausesTheRemindersOnTheTimelineAndOnResumesThem() throws Exception {
        run("remind " + incident.id() + " off", "Paused the status-update reminders of " + incident.id());
        assertThat(bot.bot.outbox().awaitIdle(2_000)).isTrue();
        long before = reminders();
        Thread.sleep(2_500); // more than two intervals
        assertThat(reminders()).isEqualTo(before);
        assertThat(reminderTimeline()).extracting(TimelineEntry::actor, TimelineEntry::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("U0ALICE", "Status-update reminders paused"));

        run("remind " + incident.id() + " on", "Resumed");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (reminders() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(reminders()).as("a reminder after resuming").isGreaterThan(before);
        assertThat(reminderTimeline()).hasSize(2);
        assertThat(reminderTimeline().get(1).text()).startsWith("Status-update reminders resumed");
    }

    @Test
    void aDurationSetsTheCadenceAndBadInputChangesNothing() throws Exception {
        Call set = run("remind " + incident.id() + " PT30M", "now every 30 minutes");
        assertThat(set.shown()).contains("next due", "Escalation to U0MANAGER");
        run("remind " + incident.id() + " 2h", "now every 2 hours");
        run("remind " + incident.id() + " PT10S", "too short");
        run("remind " + incident.id() + " whenever", "is not off, on or a duration");
        run("remind " + incident.id(), "every 2 hours;");
        assertThat(reminderTimeline()).extracting(TimelineEntry::text)
                .containsExactly("Status-update reminders every 30 minutes", "Status-update reminders every 2 hours");
    }

    @Test
    void aResolvedIncidentGetsNoMoreReminders() throws Exception {
        bot.bot.incidents().resolve(incident.id(), "U0ALICE", "Fixed");
        run("remind " + incident.id() + " PT5M", "is resolved; it gets no more reminders");
        assertThat(reminderTimeline()).isEmpty();
    }

    @Test
    void parsesIsoAndShortDurationsWithinBounds() {
        assertThat(RemindCommand.parse("PT45M", "INC-2026-001")).isEqualTo(Duration.ofMinutes(45));
        assertThat(RemindCommand.parse("pt1h", "INC-2026-001")).isEqualTo(Duration.ofHours(1));
        assertThat(RemindCommand.parse("10m", "INC-2026-001")).isEqualTo(Duration.ofMinutes(10));
        assertThat(RemindCommand.parse("3 hours", "INC-2026-001")).isEqualTo(Duration.ofHours(3));
        assertThatThrownBy(() -> RemindCommand.parse("PT25H", "INC-2026-001")).isInstanceOf(UserError.class).hasMessageContaining("too long");
        assertThatThrownBy(() -> RemindCommand.parse("99999999999m", "INC-2026-001")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> RemindCommand.parse("<!channel>", "INC-2026-001")).isInstanceOf(UserError.class)
                .hasMessageContaining("&lt;!channel&gt;");
    }
}
