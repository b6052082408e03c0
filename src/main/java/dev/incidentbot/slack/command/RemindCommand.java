package dev.incidentbot.slack.command;

import dev.incidentbot.incident.DurationWords;
import dev.incidentbot.UserError;
import dev.incidentbot.reminder.ReminderScheduler;
import dev.incidentbot.reminder.ReminderStatus;
import dev.incidentbot.slack.Escaping;
import dev.incidentbot.slack.blocks.ReminderBlocks;
import dev.incidentbot.incident.IncidentService;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code remind [ID] off|on|PTxM}: pause, resume or re-time one incident's status-update reminders. */
public final class RemindCommand implements Subcommand {
    static final Duration MIN = Duration.ofMinutes(1);
    static final Duration MAX = Duration.ofHours(24);
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})\\s*(m|min|mins|minutes?|h|hours?)");

    private final IncidentService incidents;
    private final ReminderScheduler reminders;
    private final Clock clock;

    public RemindCommand(IncidentService incidents, ReminderScheduler reminders) {
        this.incidents = incidents;
        this.reminders = reminders;
        this.clock = incidents.clock();
    }

    @Override
    public String name() {
        return "remind";
    }

    @Override
    public String usage() {
        return "remind [ID] [off|on|PT30M]";
    }

    @Override
    public String summary() {
        return "pause, resume or re-time the status-update reminders of an incident (alone: show them)";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        IncidentArgs a = IncidentArgs.take(args, request, incidents, usage(), reply);
        String id = a.incident().id();
        String word = a.rest().strip().toLowerCase(Locale.ROOT);
        ReminderStatus status;
        String change;
        switch (word) {
            case "" -> {
                reply.ephemeral(ReminderBlocks.status(reminders.status(id), null, clock.instant()));
                return;
            }
            case "off", "pause", "stop" -> {
                status = reminders.pause(id, request.userId());
                change = "Paused the status-update reminders of " + id + ". Escalation still applies.";
            }
            case "on", "resume", "start" -> {
                status = reminders.resume(id, request.userId());
                change = "Resumed the status-update reminders of " + id + ".";
            }
            default -> {
                Duration cadence = parse(a.rest().strip(), id);
                status = reminders.setCadence(id, request.userId(), cadence);
                change = "Status-update reminders of " + id + " now every " + DurationWords.of(cadence) + ".";
            }
        }
        reply.ephemeral(ReminderBlocks.status(status, change, clock.instant()));
    }

    /** PT30M as the CONTRACT writes durations, or the friendlier 30m / 2h; between 1 minute and 24 hours. */
    static Duration parse(String raw, String id) {
        Duration d;
        Matcher m = SHORT.matcher(raw.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = m.group(2).startsWith("h") ? Duration.ofHours(n) : Duration.ofMinutes(n);
        } else {
            try {
                d = Duration.parse(raw.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new UserError("`" + Escaping.code(raw) + "` is not off, on or a duration: `/incident remind " + id
                        + " PT30M` (or 30m) sets the cadence, `off` pauses.");
            }
        }
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new UserError("Reminders can come every 1 minute to 24 hours; `" + Escaping.code(raw) + "` is "
                    + (d.compareTo(MIN) < 0 ? "too short" : "too long") + ".");
        }
        return d;
    }
}
