package dev.incidentbot.reminder;

import java.time.Duration;
import java.time.Instant;

/**
 * One incident's reminder state, persisted so that a restart keeps it.
 *
 * @param cadenceSeconds    the incident's own cadence ({@code /incident remind ID PT30M}); null means REMINDER_INTERVAL
 * @param lastReminderAt    when the last reminder was sent; reminders repeat one cadence after it
 * @param settingsChangedAt when a person last paused, resumed or re-timed reminders; that restarts the clock too
 */
public record ReminderSettings(String incidentId, boolean paused, Long cadenceSeconds, Instant lastReminderAt,
                               Instant settingsChangedAt) {

    /** The state of an incident nobody has touched the reminders of. */
    public static ReminderSettings defaults(String incidentId) {
        return new ReminderSettings(incidentId, false, null, null, null);
    }

    public Duration cadenceOr(Duration fallback) {
        return cadenceSeconds == null ? fallback : Duration.ofSeconds(cadenceSeconds);
    }
}
