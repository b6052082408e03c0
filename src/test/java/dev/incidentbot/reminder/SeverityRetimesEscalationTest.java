package dev.incidentbot.reminder;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineKind;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.FakeSlackApi.Call;
import dev.incidentbot.support.TestBot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raising an incident to SEV1 with {@code /incident severity} moves its pending escalation to half the delay, in Quartz and in Slack. */
@BothStores
class SeverityRetimesEscalationTest {
    private final TestStore store;

    SeverityRetimesEscalationTest(TestStore store) {
        this.store = store;
    }

    /** The configured step; ReminderPolicy halves it for SEV1. */
    private static final Duration STEP = Duration.ofSeconds(12);
    private static final String KEY = ReminderPolicy.key(new dev.incidentbot.Config.EscalationStep(STEP, "U0MANAGER"));
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestBot bot;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi();
        bot = TestBot.start(store, dir, slack, Clock.systemUTC(), Map.of("REMINDER_INTERVAL", "PT1H", "ESCALATION", "PT12S=U0MANAGER"));
    }

    @AfterEach
    void stop() {
        bot.close();
        slack.close();
    }

    /** When Quartz (its JDBC store, as every replica sees it) will fire the incident's escalation step. */
    private Optional<Instant> escalationFireTime(String incidentId) {
        return bot.bot.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = :g AND TRIGGER_NAME = :n")
                .bind("g", ReminderTriggers.ESCALATIONS).bind("n", incidentId + "#" + KEY)
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }

    @Test
    void raisingToSev1HalvesThePendingStepAndTheMentionComesThen() throws Exception {
        bot.requests.command("declare Checkout latency creeping up sev3", "U0ALICE", "C0INCIDENT", slack.responseUrl("d"));
        // The reply comes once declare() returned, so every listener (the scheduler too) has run; the announcement may come sooner.
        slack.await(c -> c.method().equals("response_url") && c.shown().contains("Declared"), WAIT);
        Incident declared = bot.bot.incidents().listOpen().get(0);
        assertThat(declared.severity()).isEqualTo(Severity.SEV3);
        Instant sev3Due = declared.declaredAt().plus(STEP);
        Instant sev1Due = declared.declaredAt().plus(STEP.dividedBy(2));
        assertThat(escalationFireTime(declared.id())).hasValueSatisfying(
                t -> assertThat(t).isCloseTo(sev3Due, within(1, ChronoUnit.SECONDS)));

        bot.requests.command("severity " + declared.id() + " sev1", "U0ALICE", "C0INCIDENT", slack.responseUrl("s"));
        slack.await(c -> c.method().equals("response_url") && c.shown().contains("is now SEV1"), WAIT);

        assertThat(bot.bot.incidents().get(declared.id()).severity()).isEqualTo(Severity.SEV1);
        assertThat(escalationFireTime(declared.id())).as("the step re-timed to half its delay").hasValueSatisfying(
                t -> assertThat(t).isCloseTo(sev1Due, within(1, ChronoUnit.SECONDS)));
        Call mention = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("<@U0MANAGER>"), WAIT);
        assertThat(mention.at()).as("escalated at the SEV1 time, well before the SEV3 one")
                .isAfterOrEqualTo(sev1Due.minusMillis(100)).isBefore(sev3Due.minusSeconds(2));
        assertThat(mention.shown()).contains(declared.id(), "SEV1", "after 6 s");
        // the job posts through the outbox and notes the timeline; either may be seen first from here
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (bot.bot.incidents().timeline(declared.id()).stream().noneMatch(e -> e.kind() == TimelineKind.ESCALATION)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(bot.bot.incidents().timeline(declared.id())).filteredOn(e -> e.kind() == TimelineKind.ESCALATION)
                .singleElement().satisfies(e -> assertThat(e.text()).isEqualTo("Escalated to U0MANAGER after 6 seconds open"));
        // Quartz deletes a fired one-shot trigger after its job returned (NEXT_FIRE_TIME -1 until then), which on
        // PostgreSQL can come after the timeline entry is visible here
        deadline = System.nanoTime() + WAIT.toNanos();
        while (escalationFireTime(declared.id()).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(escalationFireTime(declared.id())).as("a fired step keeps no trigger").isEmpty();
    }
}
