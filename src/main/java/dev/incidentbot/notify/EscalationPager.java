package dev.incidentbot.notify;

import dev.incidentbot.Config.EscalationStep;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.reminder.ReminderNotifier;
import java.time.Duration;
import java.time.Instant;
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
    public void statusReminderDue(Incident incident, Instant lastUpdateAt, Duration cadence, Instant now) {
        slack.statusReminderDue(incident, lastUpdateAt, cadence, now);
    }

    @Override
    public void escalate(Incident incident, EscalationStep step, Duration after, Instant now) {
        if (step.pages()) {
            jdbi.useTransaction(h -> policy.escalate(h, incident, step.after().toString()));
        }
        slack.escalate(incident, step, after, now);
    }
}
