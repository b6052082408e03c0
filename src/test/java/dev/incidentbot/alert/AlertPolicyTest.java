package dev.incidentbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.alert.AlertPolicy.Action;
import dev.incidentbot.alert.AlertPolicy.GroupState;
import dev.incidentbot.alert.AlertPolicy.IncidentView;
import dev.incidentbot.alert.AlertPolicy.Plan;
import dev.incidentbot.incident.Severity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-22T21:50:46Z");
    private final AlertPolicy policy = new AlertPolicy(SeverityRules.defaults());

    static Alert alert(String fp, String severity, Alert.Status status, Instant startsAt) {
        return new Alert("alertmanager", fp, "group", status, Map.of("alertname", "HighErrorRate", "severity", severity,
                "instance", fp), Map.of("summary", "5xx on " + fp), startsAt, status == Alert.Status.RESOLVED ? startsAt.plusSeconds(60) : null, null);
    }

    static Alert firing(String fp) {
        return alert(fp, "critical", Alert.Status.FIRING, T0);
    }

    static Alert resolved(String fp) {
        return alert(fp, "critical", Alert.Status.RESOLVED, T0);
    }

    private static GroupState none() {
        return new GroupState(null, Map.of(), 0);
    }

    private static GroupState open(boolean human, int firingElsewhere, StoredAlert... known) {
        Map<String, StoredAlert> m = new HashMap<>();
        for (StoredAlert s : known) {
            m.put(s.fingerprint(), s);
        }
        return new GroupState(new IncidentView("INC-2026-001", true, human, Severity.SEV1), m, firingElsewhere);
    }

    private static StoredAlert stored(String fp, Alert.Status status, String incident) {
        return new StoredAlert(fp, status, T0, incident);
    }

    @Test
    void aCriticalAlertOfAQuietGroupDeclares() {
        Plan plan = policy.decide(List.of(firing("a"), firing("b")), none());

        assertThat(plan.actions()).containsExactly(Action.DECLARE);
        assertThat(plan.severity()).isEqualTo(Severity.SEV1);
        assertThat(plan.newlyFiring()).hasSize(2);
        assertThat(plan.changed()).hasSize(2);
    }

    @Test
    void aWarningGetsACompactPostAndNoIncident() {
        Plan plan = policy.decide(List.of(alert("w", "warning", Alert.Status.FIRING, T0)), none());

        assertThat(plan.actions()).containsExactly(Action.POST_COMPACT);
        assertThat(plan.severity()).isEqualTo(Severity.SEV3);
    }

    @Test
    void aRedeliveryChangesNothing() {
        Plan plan = policy.decide(List.of(firing("a")), open(false, 0, stored("a", Alert.Status.FIRING, "INC-2026-001")));

        assertThat(plan.actions()).containsExactly(Action.IGNORE);
        assertThat(plan.changed()).isEmpty();
        assertThat(plan.duplicates()).isEqualTo(1);
    }

    @Test
    void aNewAlertOfTheGroupJoinsItsOpenIncident() {
        Plan plan = policy.decide(List.of(firing("a"), firing("b")), open(false, 0, stored("a", Alert.Status.FIRING, "INC-2026-001")));

        assertThat(plan.actions()).containsExactly(Action.ATTACH);
        assertThat(plan.newlyFiring()).extracting(Alert::fingerprint).containsExactly("b");
        assertThat(plan.firingAfter()).isEqualTo(2);
    }

    @Test
    void partialRecoveryIsNotedNotResolved() {
        Plan plan = policy.decide(List.of(resolved("a"), firing("b")), open(false, 0,
                stored("a", Alert.Status.FIRING, "INC-2026-001"), stored("b", Alert.Status.FIRING, "INC-2026-001")));

        assertThat(plan.actions()).containsExactly(Action.NOTE_PARTIAL);
        assertThat(plan.firingAfter()).isEqualTo(1);
    }

    @Test
    void partialRecoveryCountsAlertsNotInTheNotification() {
        Plan plan = policy.decide(List.of(resolved("a")), open(false, 3, stored("a", Alert.Status.FIRING, "INC-2026-001")));

        assertThat(plan.actions()).containsExactly(Action.NOTE_PARTIAL);
        assertThat(plan.firingAfter()).isEqualTo(3);
    }

    @Test
    void whenTheLastAlertRecoversTheIncidentIsResolved() {
        Plan plan = policy.decide(List.of(resolved("b")), open(false, 0, stored("b", Alert.Status.FIRING, "INC-2026-001")));

        assertThat(plan.actions()).containsExactly(Action.RESOLVE);
    }

    @Test
    void whenAPersonTookItOverRecoveryIsOnlyNoted() {
        Plan plan = policy.decide(List.of(resolved("b")), open(true, 0, stored("b", Alert.Status.FIRING, "INC-2026-001")));

        assertThat(plan.actions()).containsExactly(Action.NOTE_ALL_RESOLVED_HUMAN);
    }

    @Test
    void aLateFiringRedeliveryAfterRecoveryIsStale() {
        Plan plan = policy.decide(List.of(firing("a")), new GroupState(
                new IncidentView("INC-2026-001", false, false, Severity.SEV1), Map.of("a", stored("a", Alert.Status.RESOLVED, "INC-2026-001")), 0));

        assertThat(plan.actions()).containsExactly(Action.IGNORE);
    }

    @Test
    void firingAgainWithALaterStartOpensANewIncident() {
        Alert again = alert("a", "critical", Alert.Status.FIRING, T0.plusSeconds(600));
        Plan plan = policy.decide(List.of(again), new GroupState(
                new IncidentView("INC-2026-001", false, false, Severity.SEV1), Map.of("a", stored("a", Alert.Status.RESOLVED, "INC-2026-001")), 0));

        assertThat(plan.actions()).containsExactly(Action.DECLARE);
    }

    @Test
    void aRecoveryWithTheStartTimeTruncatedToSecondsStillCounts() {
        Alert firingWithNanos = alert("b", "critical", Alert.Status.FIRING, T0.plusNanos(413_925_998));
        Plan plan = policy.decide(List.of(resolved("b")), open(false, 0,
                new StoredAlert("b", Alert.Status.FIRING, firingWithNanos.startsAt(), "INC-2026-001")));

        assertThat(plan.actions()).containsExactly(Action.RESOLVE);
    }

    @Test
    void theRecoveryOfAnOlderEpisodeIsStale() {
        Plan plan = policy.decide(List.of(resolved("b")), open(false, 0,
                new StoredAlert("b", Alert.Status.FIRING, T0.plusSeconds(600), "INC-2026-001")));

        assertThat(plan.actions()).containsExactly(Action.IGNORE);
    }

    @Test
    void theRecoveryOfAnAlertOfAClosedIncidentIsSilent() {
        Plan plan = policy.decide(List.of(resolved("a")), new GroupState(
                new IncidentView("INC-2026-001", false, true, Severity.SEV1), Map.of("a", stored("a", Alert.Status.FIRING, "INC-2026-001")), 0));

        assertThat(plan.actions()).containsExactly(Action.IGNORE);
        assertThat(plan.changed()).as("but its state is stored").hasSize(1);
    }

    @Test
    void theRecoveryOfACompactlyPostedAlertIsPostedToo() {
        Alert w = alert("w", "warning", Alert.Status.RESOLVED, T0);
        Plan plan = policy.decide(List.of(w), new GroupState(null, Map.of("w", stored("w", Alert.Status.FIRING, null)), 0));

        assertThat(plan.actions()).containsExactly(Action.POST_COMPACT);
        assertThat(plan.newlyResolved()).hasSize(1);
    }

    @Test
    void titlesSayWhatFires() {
        assertThat(AlertPolicy.title(List.of(firing("a")))).isEqualTo("HighErrorRate: 5xx on a");
        assertThat(AlertPolicy.title(List.of(firing("a"), firing("b")))).isEqualTo("HighErrorRate: 2 alerts firing");
    }
}
