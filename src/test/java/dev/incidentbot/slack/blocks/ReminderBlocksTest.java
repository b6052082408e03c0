package dev.incidentbot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.Config.EscalationStep;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReminderBlocksTest {
    private static final Instant DECLARED = Instant.parse("2026-03-06T18:00:00Z");

    private static Incident incident(String commander) {
        return new Incident("INC-2026-007", "Lenders <!channel> time out", null, Severity.SEV1, IncidentStatus.INVESTIGATING,
                commander, "U0ALICE", "slack", false, DECLARED, DECLARED, null, null, null, null, "C0INCIDENT", "1.1", null);
    }

    @Test
    void aReminderSaysWhatIsDueSinceWhenInUtcAndRelativeMentionsTheCommanderAndOffersTheUpdateButton() {
        SlackMessage m = ReminderBlocks.reminder(incident("U0BOB"), DECLARED, Duration.ofMinutes(15), DECLARED.plus(Duration.ofMinutes(15)));
        assertThat(m.text()).isEqualTo("⏰ INC-2026-007: status update due — last update 15 min ago (18:00 UTC): Lenders &lt;!channel&gt; time out");
        assertThat(m.blocksJson()).contains("\\u003c@U0BOB\\u003e", "\"action_id\":\"incident_update\"", "\"value\":\"INC-2026-007\"",
                "Reminder every 15 minutes", "remind INC-2026-007 off").doesNotContain("<!channel>");
    }

    @Test
    void withoutACommanderTheReminderAsksSomeoneToTakeIt() {
        SlackMessage m = ReminderBlocks.reminder(incident(null), DECLARED, Duration.ofMinutes(15), DECLARED.plus(Duration.ofMinutes(16)));
        assertThat(m.blocksJson()).contains("No commander yet", "/incident assign INC-2026-007 @you");
    }

    @Test
    void anEscalationMentionsTheStepsUserOrGroup() {
        Instant now = DECLARED.plus(Duration.ofMinutes(5));
        SlackMessage group = ReminderBlocks.escalation(incident("U0BOB"), new EscalationStep(Duration.ofMinutes(10), "S0MANAGERS"),
                Duration.ofMinutes(5), now);
        assertThat(group.text()).contains("INC-2026-007", "SEV1 (CRITICAL)", "still open after 5 minutes", "<!subteam^S0MANAGERS>")
                .doesNotContain("<!channel>");
        SlackMessage user = ReminderBlocks.escalation(incident("U0BOB"), new EscalationStep(Duration.ofMinutes(20), "U0DIRECTOR"),
                Duration.ofMinutes(10), now);
        assertThat(user.text()).contains("<@U0DIRECTOR>");
    }
}
