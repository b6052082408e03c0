package dev.incidentbot.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.Config.EscalationStep;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.reminder.ReminderPolicy.PlannedEscalation;
import dev.incidentbot.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReminderPolicyTest {
    private static final Instant DECLARED = Instant.parse("2026-03-06T18:00:00Z");
    private static final Duration FIFTEEN = Duration.ofMinutes(15);
    private static final List<EscalationStep> SEED = List.of(
            new EscalationStep(Duration.ofMinutes(10), "S0MANAGERS"),
            new EscalationStep(Duration.ofMinutes(20), "U0DIRECTOR"));

    private final MutableClock clock = new MutableClock(DECLARED);
    private final ReminderPolicy policy = new ReminderPolicy(FIFTEEN, SEED);

    static Incident incident(Severity severity, Instant lastUpdate, IncidentStatus status) {
        return new Incident("INC-2026-001", "Funding approvals time out", null, severity, status, "U0ALICE", "U0ALICE",
                "slack", false, DECLARED, lastUpdate, status == IncidentStatus.RESOLVED ? lastUpdate : null, null, null,
                null, "C0INCIDENT", "1.1", null);
    }

    private static ReminderSettings settings() {
        return ReminderSettings.defaults("INC-2026-001");
    }

    @Test
    void aReminderIsDueOneIntervalAfterTheDeclarationAndNotBefore() {
        Incident i = incident(Severity.SEV2, DECLARED, IncidentStatus.INVESTIGATING);
        assertThat(policy.nextReminder(i, settings())).contains(DECLARED.plus(FIFTEEN));
        clock.advance(Duration.ofMinutes(14));
        assertThat(policy.reminderDue(i, settings(), clock.instant())).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(policy.reminderDue(i, settings(), clock.instant())).isTrue();
    }

    @Test
    void aStatusUpdateRestartsTheClock() {
        clock.advance(Duration.ofMinutes(12));
        Incident updated = incident(Severity.SEV2, clock.instant(), IncidentStatus.INVESTIGATING);
        clock.advance(Duration.ofMinutes(5)); // 17 min after declaring, 5 after the update
        assertThat(policy.reminderDue(updated, settings(), clock.instant())).isFalse();
        assertThat(policy.nextReminder(updated, settings())).contains(DECLARED.plus(Duration.ofMinutes(27)));
    }

    @Test
    void whileOverdueItRepeatsEveryIntervalAfterTheLastReminder() {
        Incident i = incident(Severity.SEV2, DECLARED, IncidentStatus.INVESTIGATING);
        Instant firstReminder = DECLARED.plus(FIFTEEN);
        ReminderSettings reminded = new ReminderSettings(i.id(), false, null, firstReminder, null);
        clock.set(firstReminder.plus(Duration.ofMinutes(1)));
        assertThat(policy.reminderDue(i, reminded, clock.instant())).isFalse();
        assertThat(policy.nextReminder(i, reminded)).contains(firstReminder.plus(FIFTEEN));
    }

    @Test
    void afterADowntimeTheNextReminderIsOneCatchUpNotOnePerMissedInterval() {
        Incident i = incident(Severity.SEV2, DECLARED, IncidentStatus.INVESTIGATING);
        ReminderSettings reminded = new ReminderSettings(i.id(), false, null, DECLARED.plus(FIFTEEN), null);
        clock.set(DECLARED.plus(Duration.ofHours(2))); // down for well over an hour
        assertThat(policy.reminderDue(i, reminded, clock.instant())).isTrue();
        ReminderSettings caughtUp = new ReminderSettings(i.id(), false, null, clock.instant(), null);
        assertThat(policy.reminderDue(i, caughtUp, clock.instant())).isFalse();
        assertThat(policy.nextReminder(i, caughtUp)).contains(clock.instant().plus(FIFTEEN));
    }

    @Test
    void pausedOrResolvedIncidentsGetNoReminder() {
        clock.advance(Duration.ofHours(1));
        Incident open = incident(Severity.SEV2, DECLARED, IncidentStatus.INVESTIGATING);
        ReminderSettings paused = new ReminderSettings(open.id(), true, null, null, DECLARED);
        assertThat(policy.nextReminder(open, paused)).isEmpty();
        assertThat(policy.reminderDue(open, paused, clock.instant())).isFalse();
        Incident resolved = incident(Severity.SEV2, DECLARED, IncidentStatus.RESOLVED);
        assertThat(policy.reminderDue(resolved, settings(), clock.instant())).isFalse();
        assertThat(policy.pendingEscalations(resolved, Set.of())).isEmpty();
    }

    @Test
    void anIncidentsOwnCadenceAndASettingsChangeRetimeTheReminder() {
        Incident i = incident(Severity.SEV2, DECLARED, IncidentStatus.INVESTIGATING);
        clock.advance(Duration.ofMinutes(20));
        ReminderSettings halfHour = new ReminderSettings(i.id(), false, 1800L, null, clock.instant());
        assertThat(policy.cadence(halfHour)).isEqualTo(Duration.ofMinutes(30));
        // Re-timed 20 minutes in: the next reminder counts from the change, not from the stale declaration.
        assertThat(policy.nextReminder(i, halfHour)).contains(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(policy.reminderDue(i, halfHour, clock.instant())).isFalse();
    }

    @Test
    void aTriggerFiringJustShortOfTheDueTimeCountsButAnUpdateHalfAnIntervalAgoDoesNot() {
        Duration three = Duration.ofSeconds(3);
        ReminderPolicy fast = new ReminderPolicy(three, List.of());
        Incident i = incident(Severity.SEV3, DECLARED, IncidentStatus.INVESTIGATING);
        ReminderSettings reminded = new ReminderSettings(i.id(), false, null, DECLARED.plusMillis(3_050), null);
        // The repeating trigger fires at 6.0 s, 50 ms short of "last reminder (3.05 s) + 3 s": still due.
        assertThat(fast.reminderDue(i, reminded, DECLARED.plusSeconds(6))).isTrue();
        Incident updated = incident(Severity.SEV3, DECLARED.plusMillis(4_500), IncidentStatus.INVESTIGATING);
        assertThat(fast.reminderDue(updated, reminded, DECLARED.plusSeconds(6))).isFalse();
    }

    @Test
    void escalationStepsCountFromTheDeclarationAndSev1HalvesThem() {
        Incident sev2 = incident(Severity.SEV2, DECLARED, IncidentStatus.INVESTIGATING);
        assertThat(policy.pendingEscalations(sev2, Set.of())).extracting(PlannedEscalation::dueAt)
                .containsExactly(DECLARED.plus(Duration.ofMinutes(10)), DECLARED.plus(Duration.ofMinutes(20)));
        Incident sev1 = incident(Severity.SEV1, DECLARED, IncidentStatus.INVESTIGATING);
        assertThat(policy.pendingEscalations(sev1, Set.of())).extracting(PlannedEscalation::dueAt)
                .containsExactly(DECLARED.plus(Duration.ofMinutes(5)), DECLARED.plus(Duration.ofMinutes(10)));
        assertThat(ReminderPolicy.stepDelay(SEED.get(0), Severity.SEV4)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aStepIsDueOnlyFromItsTimeAndOnlyUntilItFired() {
        Incident i = incident(Severity.SEV2, DECLARED, IncidentStatus.INVESTIGATING);
        String manager = ReminderPolicy.key(SEED.get(0));
        assertThat(manager).isEqualTo("PT10M=S0MANAGERS");
        clock.advance(Duration.ofMinutes(9));
        assertThat(policy.dueEscalation(i, Set.of(), manager, clock.instant())).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(policy.dueEscalation(i, Set.of(), manager, clock.instant()))
                .hasValueSatisfying(p -> assertThat(p.step().mention()).isEqualTo("<!subteam^S0MANAGERS>"));
        assertThat(policy.dueEscalation(i, Set.of(manager), manager, clock.instant())).isEmpty();
        assertThat(policy.pendingEscalations(i, Set.of(manager))).extracting(p -> p.step().target()).containsExactly("U0DIRECTOR");
        assertThat(policy.dueEscalation(i, Set.of(), "PT5M=U0SOMEONE", clock.instant())).isEmpty();
    }

    @Test
    void bothStepsThatPassedDuringADowntimeAreDueAtOnce() {
        Incident i = incident(Severity.SEV2, DECLARED, IncidentStatus.INVESTIGATING);
        clock.advance(Duration.ofMinutes(45));
        for (EscalationStep step : SEED) {
            assertThat(policy.dueEscalation(i, Set.of(), ReminderPolicy.key(step), clock.instant())).isPresent();
        }
    }
}
