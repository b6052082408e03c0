package dev.incidentbot.reminder;

import dev.incidentbot.Config.EscalationStep;
import dev.incidentbot.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * The port through which reminders and escalations reach people; the slack package implements it. Posts are written in
 * {@code handle}'s transaction, with the record that the reminder or escalation fired (and its timeline entry).
 */
public interface ReminderNotifier {

    /** The incident has had no status update for {@code cadence} or more: nudge its commander. */
    void statusReminderDue(Handle handle, Incident incident, Instant lastUpdateAt, Duration cadence, Instant now);

    /** The incident is still open {@code after} its declaration: mention the step's user or group. */
    void escalate(Handle handle, Incident incident, EscalationStep step, Duration after, Instant now);
}
