package dev.incidentbot.reminder;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineKind;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.TestBot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Quartz on a real H2 file, the whole bot in-process, short intervals and bounded waits. */
@BothStores
class ReminderSchedulerTest {
    private final TestStore store;

    ReminderSchedulerTest(TestStore store) {
        this.store = store;
    }

    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestBot bot;

    @BeforeEach
    void slack() throws Exception {
        slack = new FakeSlackApi();
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        slack.close();
    }

    private TestBot start(String interval, String escalation) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("REMINDER_INTERVAL", interval);
        if (escalation != null) {
            env.put("ESCALATION", escalation);
        }
        bot = TestBot.start(store, dir, slack, Clock.systemUTC(), env);
        return bot;
    }

    private Incident declare(String title, Severity severity, String channel) {
        return bot.bot.incidents().declare(new IncidentService.Declaration(title, severity, null, "U0ALICE", channel, "slack"));
    }

    private List<FakeSlackApi.Call> reminders(String id) {
        return slack.calls("chat.postMessage").stream()
                .filter(c -> c.param("text") != null && c.param("text").contains(id + ": status update due")).toList();
    }

    private List<FakeSlackApi.Call> mentions(String target) {
        return slack.calls("chat.postMessage").stream().filter(c -> c.shown().contains(target)).toList();
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void remindsInTheThreadMentioningTheCommanderAndRepeatsWhileOverdue() throws Exception {
        start("PT1S", null);
        Incident i = declare("Funding approvals time out", Severity.SEV3, "C0INCIDENT");
        waitUntil(() -> reminders(i.id()).size() >= 2, Duration.ofSeconds(6));
        FakeSlackApi.Call first = reminders(i.id()).get(0);
        assertThat(first.param("channel")).isEqualTo("C0INCIDENT");
        assertThat(first.param("thread_ts")).isEqualTo(bot.bot.incidents().get(i.id()).messageTs());
        assertThat(first.shown()).contains("<@U0ALICE>", "incident_update", "last update");
    }

    @Test
    void aStatusUpdateResetsTheClockSoATeamUpdatingOnTimeIsNeverNagged() throws Exception {
        start("PT2S", null);
        Incident i = declare("Steady updates", Severity.SEV3, "C0INCIDENT");
        for (int n = 0; n < 4; n++) {
            Thread.sleep(1_000);
            bot.bot.incidents().postStatus(i.id(), "U0ALICE", "still rolling back, step " + n);
        }
        assertThat(reminders(i.id())).isEmpty();
        // Once the updates stop, the reminder comes one interval after the last of them.
        waitUntil(() -> !reminders(i.id()).isEmpty(), Duration.ofSeconds(5));
    }

    @Test
    void escalatesOnceToEachStepAlsoInTheIncidentChannelForMajorIncidents() throws Exception {
        start("PT1H", "PT1S=U0MANAGER,PT2S=S0DIRECTORS");
        Incident major = declare("Checkout down", Severity.SEV2, "C0TEAM");
        Incident minor = declare("Typo on a page", Severity.SEV4, "C0TEAM");
        waitUntil(() -> mentions("<!subteam^S0DIRECTORS>").size() >= 3, Duration.ofSeconds(6));
        Thread.sleep(1_500); // room for any duplicate to show up
        List<FakeSlackApi.Call> manager = mentions("<@U0MANAGER>");
        assertThat(manager).extracting(c -> c.param("channel") + (c.param("thread_ts") == null ? "" : "/thread"))
                .containsExactlyInAnyOrder("C0TEAM/thread", "C0INCIDENT", "C0TEAM/thread");
        assertThat(manager.stream().filter(c -> c.shown().contains(major.id()))).hasSize(2);
        assertThat(manager.stream().filter(c -> c.shown().contains(minor.id()))).hasSize(1);
        assertThat(mentions("<!subteam^S0DIRECTORS>")).hasSize(3);
        assertThat(bot.bot.incidents().timeline(major.id())).filteredOn(e -> e.kind() == TimelineKind.ESCALATION).hasSize(2);
    }

    @Test
    void resolvingDeletesTheJobsAndNothingFiresAfterwards() throws Exception {
        start("PT1S", "PT1S=U0MANAGER,PT3S=U0DIRECTOR");
        Incident i = declare("Short-lived", Severity.SEV2, "C0INCIDENT");
        waitUntil(() -> !reminders(i.id()).isEmpty() && !mentions("U0MANAGER").isEmpty(), Duration.ofSeconds(5));
        assertThat(bot.bot.reminders().hasJobs(i.id())).isTrue();
        bot.bot.incidents().resolve(i.id(), "U0ALICE", "Rolled back");
        assertThat(bot.bot.reminders().hasJobs(i.id())).isFalse();
        assertThat(bot.bot.outbox().awaitIdle(2_000)).isTrue();
        int reminded = reminders(i.id()).size();
        Thread.sleep(3_000); // past the director's step and several intervals
        assertThat(reminders(i.id())).hasSize(reminded);
        assertThat(mentions("U0DIRECTOR")).isEmpty();
    }

    @Test
    void theScheduleSurvivesARestartAndADowntimeCatchesUpOnceNotInABurst() throws Exception {
        start("PT3S", "PT4S=U0MANAGER,PT5S=U0DIRECTOR");
        Incident i = declare("Survives restarts", Severity.SEV3, "C0INCIDENT");
        waitUntil(() -> reminders(i.id()).size() == 1, Duration.ofSeconds(6));
        bot.close();
        bot = null;
        Thread.sleep(6_500); // two intervals and both escalation steps pass while the bot is down
        int before = reminders(i.id()).size();
        assertThat(mentions("U0MANAGER")).isEmpty();

        start("PT3S", "PT4S=U0MANAGER,PT5S=U0DIRECTOR");
        waitUntil(() -> reminders(i.id()).size() > before, Duration.ofSeconds(5));
        waitUntil(() -> mentions("U0DIRECTOR").size() == 1 && mentions("U0MANAGER").size() == 1, Duration.ofSeconds(5));
        Thread.sleep(1_000);
        assertThat(reminders(i.id())).hasSize(before + 1); // one catch-up, the next a whole interval later
        assertThat(mentions("U0MANAGER")).hasSize(1);
        assertThat(mentions("U0DIRECTOR")).hasSize(1);
        waitUntil(() -> reminders(i.id()).size() == before + 2, Duration.ofSeconds(5)); // and it goes on
    }

    @Test
    void theSweepRecreatesMissingSchedulesAndLeavesGoodOnesAlone() throws Exception {
        start("PT1H", "PT1H=U0MANAGER");
        Incident i = declare("Lost its triggers", Severity.SEV3, "C0INCIDENT");
        ReminderScheduler reminders = bot.bot.reminders();
        assertThat(reminders.sweep()).isZero();
        reminders.triggers().cancel(i.id()); // as if the listener's write had failed
        assertThat(reminders.hasJobs(i.id())).isFalse();
        assertThat(reminders.sweep()).isEqualTo(2);
        assertThat(reminders.triggers().hasReminder(i.id())).isTrue();
        assertThat(reminders.sweep()).isZero();
        assertThat(reminders.status(i.id()).pendingEscalations()).hasSize(1);
    }
}
