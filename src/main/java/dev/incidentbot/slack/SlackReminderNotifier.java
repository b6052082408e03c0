package dev.incidentbot.slack;

import dev.incidentbot.Config.EscalationStep;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.reminder.ReminderNotifier;
import dev.incidentbot.slack.blocks.ReminderBlocks;
import dev.incidentbot.slack.blocks.SlackMessage;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Posts reminders and escalations through the {@link SlackOutbox}: in the incident's thread (or its own channel), and
 * for SEV1/SEV2 escalations also in INCIDENT_CHANNEL, where the policy announces major incidents.
 */
public final class SlackReminderNotifier implements ReminderNotifier {
    private final SlackIncidentNotifier incidents;
    private final SlackOutbox outbox;
    private final String incidentChannel;

    public SlackReminderNotifier(SlackIncidentNotifier incidents, SlackOutbox outbox, String incidentChannel) {
        this.incidents = incidents;
        this.outbox = outbox;
        this.incidentChannel = incidentChannel;
    }

    @Override
    public void statusReminderDue(Handle h, Incident incident, Instant lastUpdateAt, Duration cadence, Instant now) {
        incidents.thread(h, incident, "reminder", ReminderBlocks.reminder(incident, lastUpdateAt, cadence, now));
    }

    @Override
    public void escalate(Handle h, Incident incident, EscalationStep step, Duration after, Instant now) {
        SlackMessage m = ReminderBlocks.escalation(incident, step, after, now);
        incidents.thread(h, incident, "escalation", m);
        if (incident.severity().isMajor()) {
            outbox.write(h, OutboxMessage.of(incident.id(), "escalation-broadcast", incidentChannel, false, m.text(), m.blocksJson()));
        }
    }
}
