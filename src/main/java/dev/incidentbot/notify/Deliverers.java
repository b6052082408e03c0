package dev.incidentbot.notify;

import dev.incidentbot.outbox.Deliverer;
import dev.incidentbot.outbox.RetryPolicy;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Builds the deliverers the settings allow: PagerDuty with a routing key, mail with SMTP_URL, tickets with a tracker. */
public final class Deliverers {
    private Deliverers() {
    }

    /**
     * How each kind is retried: a page is urgent, so it is tried again after 5 s, doubling to at most 5 minutes, for
     * about half an hour; mail and tickets use the outbox's standard backoff.
     */
    public static RetryPolicy retry(String kind) {
        return OutboundKinds.PAGERDUTY.equals(kind)
                ? RetryPolicy.backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), 10) : RetryPolicy.standard();
    }

    public static List<Deliverer> of(NotifySettings s, OutboundHttp http, ThreadLinks links, ThreadNotes notes,
                                     TicketDeliverer.ActionItemTickets actionItems, Clock clock) {
        List<Deliverer> out = new ArrayList<>();
        if (s.paging()) {
            out.add(new PagerDutyDeliverer(http, s.pagerDutyEventsUrl(), s.pagerDutyRoutingKey(), links, notes));
        }
        if (s.mail()) {
            out.add(new MailDeliverer(s.smtp(), s.mailFrom(), new Properties(), notes, links, MailDeliverer.LINK_WAIT, clock));
        }
        if (s.jira() != null) {
            out.add(new TicketDeliverer(new JiraTickets(http, s.jira()), links, notes, actionItems, clock));
        } else if (s.github() != null) {
            out.add(new TicketDeliverer(new GitHubTickets(http, s.github()), links, notes, actionItems, clock));
        }
        return List.copyOf(out);
    }
}
