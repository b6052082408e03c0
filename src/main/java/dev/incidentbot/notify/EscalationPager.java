package dev.incidentbot.notify;

import dev.incidentbot.Config.EscalationStep;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.reminder.ReminderNotifier;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Escalation steps that name {@code pagerduty}: the step is said in Slack as any other, and a PagerDuty trigger is
 * written to the outbox in the same go; steps naming people only reach Slack.
 */
public final class EscalationPager implements ReminderNotifier {
    private final ReminderNotifier slack;
    private final PolicyNotifier policy;
    private final Jdbi jdbi;

    public EscalationPager(ReminderNotifier slack, PolicyNotifier policy, Jdbi jdbi) {
        this.slack = slack;
        this.policy = policy;
        this.jdbi = jdbi;
    }

    @Override
    public void statusReminderDue(Handle handle, Incident incident, Instant lastUpdateAt, Duration cadence, Instant now) {
        slack.statusReminderDue(handle, incident, lastUpdateAt, cadence, now);
    }

    @Override
    public void escalate(Handle handle, Incident incident, EscalationStep step, Duration after, Instant now) {
        if (step.pages()) {
            policy.escalate(handle, incident, step.after().toString()); // in the transaction that marks the step fired
        }
        slack.escalate(handle, incident, step, after, now);
    }
}
