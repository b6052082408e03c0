package dev.incidentbot.reminder;

import dev.incidentbot.reminder.ReminderPolicy.PlannedEscalation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How one incident's reminders stand, for {@code /incident remind}.
 *
 * @param nextReminder null when paused or resolved
 * @param ownCadence   true when the incident has its own cadence rather than REMINDER_INTERVAL
 */
public record ReminderStatus(String incidentId, boolean paused, Duration cadence, boolean ownCadence,
                             Instant nextReminder, List<PlannedEscalation> pendingEscalations) {
}
