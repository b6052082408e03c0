package dev.incidentbot.reminder;

import dev.incidentbot.Config.EscalationStep;
import dev.incidentbot.incident.Incident;
import java.time.Duration;
import java.time.Instant;

/** The port through which reminders and escalations reach people; the slack package implements it. */
public interface ReminderNotifier {

    /** The incident has had no status update for {@code cadence} or more: nudge its commander. */
    void statusReminderDue(Incident incident, Instant lastUpdateAt, Duration cadence, Instant now);

    /** The incident is still open {@code after} its declaration: mention the step's user or group. */
    void escalate(Incident incident, EscalationStep step, Duration after, Instant now);
}
