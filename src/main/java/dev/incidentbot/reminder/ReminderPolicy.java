package dev.incidentbot.reminder;

import dev.incidentbot.Config.EscalationStep;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What is due when: pure rules over an incident, its reminder settings and the configured escalation steps.
 * Quartz only wakes the bot up; whether to speak is always decided here, from the stored state, so a late, early
 * or duplicate trigger can never nag a team that is updating on time.
 *
 * <p>Reminders: the clock runs from the latest of the last status update (or the declaration), the last reminder
 * and the last change of the reminder settings; one cadence later a reminder is due. Paused or resolved: never.
 *
 * <p>Escalation: each step is measured from the declaration. SEV1 halves every step (the policy's SEV1 response
 * is immediate: 10/20 minutes become 5/10); SEV2 to SEV4 use the steps as configured. A step fires once.
 */
public final class ReminderPolicy {
    private static final Duration MAX_SLACK = Duration.ofSeconds(2);

    private final Duration defaultCadence;
    private final List<EscalationStep> steps;

    public ReminderPolicy(Duration defaultCadence, List<EscalationStep> steps) {
        this.defaultCadence = defaultCadence;
        this.steps = List.copyOf(steps);
    }

    /** An escalation step with the time it is due for one incident. */
    public record PlannedEscalation(EscalationStep step, String key, Duration after, Instant dueAt) {
    }

    public Duration cadence(ReminderSettings settings) {
        return settings.cadenceOr(defaultCadence);
    }

    public Duration defaultCadence() {
        return defaultCadence;
    }

    /** When the next reminder is due (possibly already past: then now), or empty when none will come. */
    public Optional<Instant> nextReminder(Incident incident, ReminderSettings settings) {
        if (!incident.isOpen() || settings.paused()) {
            return Optional.empty();
        }
        Instant from = latest(incident.lastUpdateAt(), settings.lastReminderAt(), settings.settingsChangedAt());
        return Optional.of(from.plus(cadence(settings)));
    }

    /**
     * True when a reminder should be sent at {@code now}. A trigger repeating every cadence fires a hair before
     * "last reminder + cadence" when the last job ran late, so a small slack (a tenth of the cadence, at most
     * 2 s) counts as due; a status update moves the due time a whole cadence away, far beyond the slack.
     */
    public boolean reminderDue(Incident incident, ReminderSettings settings, Instant now) {
        Duration slack = slack(cadence(settings));
        return nextReminder(incident, settings).map(due -> !now.plus(slack).isBefore(due)).orElse(false);
    }

    static Duration slack(Duration cadence) {
        Duration tenth = cadence.dividedBy(10);
        return tenth.compareTo(MAX_SLACK) < 0 ? tenth : MAX_SLACK;
    }

    /** How long after the declaration a step fires for this severity (the documented SEV1 rule). */
    public static Duration stepDelay(EscalationStep step, Severity severity) {
        return severity == Severity.SEV1 ? step.after().dividedBy(2) : step.after();
    }

    /** A stable name for a step, recorded when it fires; the same ESCALATION setting gives the same names. */
    public static String key(EscalationStep step) {
        return step.after() + "=" + step.target();
    }

    /** The steps still to fire for this incident, in order, each with when it is due; none once resolved. */
    public List<PlannedEscalation> pendingEscalations(Incident incident, Collection<String> firedKeys) {
        List<PlannedEscalation> out = new ArrayList<>();
        if (!incident.isOpen()) {
            return out;
        }
        for (EscalationStep step : steps) {
            String key = key(step);
            if (!firedKeys.contains(key)) {
                Duration after = stepDelay(step, incident.severity());
                out.add(new PlannedEscalation(step, key, after, incident.declaredAt().plus(after)));
            }
        }
        return out;
    }

    /** The pending step with this key, when it exists and is due at {@code now}. */
    public Optional<PlannedEscalation> dueEscalation(Incident incident, Collection<String> firedKeys, String key, Instant now) {
        return pendingEscalations(incident, firedKeys).stream()
                .filter(p -> p.key().equals(key) && !now.isBefore(p.dueAt()))
                .findFirst();
    }

    private static Instant latest(Instant first, Instant... others) {
        Instant max = first;
        for (Instant t : others) {
            if (t != null && t.isAfter(max)) {
                max = t;
            }
        }
        return max;
    }
}
