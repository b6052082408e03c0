package dev.incidentbot.notify;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentTxListener;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.incident.Trigger;
import dev.incidentbot.outbox.OutboundCall;
import dev.incidentbot.outbox.OutboundCallRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Applies {@code NOTIFY_RULES} inside each change's transaction: on declare, the rule's channels, page, mail and
 * ticket become outbox rows committed with the incident; raising the severity adds what the new rule asks for;
 * the commander's first update acknowledges the page and resolving resolves it. Nothing here waits for the network.
 */
public final class PolicyNotifier implements IncidentTxListener {
    public static final String TRIGGER = "trigger";
    public static final String ACKNOWLEDGE = "acknowledge";
    public static final String RESOLVE = "resolve";

    private final NotifyRules rules;
    private final NotifySettings settings;
    private final RuleChannels channels;
    private final ThreadNotes notes;
    private final Duration updateEvery;
    private final Clock clock;
    private final Consumer<Handle> wake;

    /** @param wake wakes the outbox's sender once the handle's transaction commits */
    public PolicyNotifier(NotifyRules rules, NotifySettings settings, RuleChannels channels, ThreadNotes notes,
                          Duration updateEvery, Clock clock, Consumer<Handle> wake) {
        this.rules = rules;
        this.settings = settings;
        this.channels = channels;
        this.notes = notes;
        this.updateEvery = updateEvery;
        this.clock = clock;
        this.wake = wake;
    }

    @Override
    public void declared(Handle h, Incident incident, Trigger trigger) {
        NotifyRule rule = rules.of(incident.severity());
        announce(h, incident, rule.channels());
        if (rule.page()) {
            page(h, incident, "declared " + incident.severity().name());
        }
        mail(h, incident, rule.email());
        if (rule.ticket() && settings.tickets()) {
            Ticket t = new Ticket(incident.id() + " " + incident.severity().name() + ": " + incident.title(),
                    ticketText(incident), null, 0);
            write(h, new OutboundCall(OutboundKinds.TICKET, incident.id(), "incident-ticket", TicketDeliverer.payload(t)));
        }
    }

    @Override
    public void severityChanged(Handle h, Incident incident, Severity from, String actor) {
        NotifyRule now = rules.of(incident.severity());
        NotifyRule before = rules.of(from);
        boolean raised = incident.severity().compareTo(from) < 0;
        if (raised) {
            List<String> newChannels = new ArrayList<>(now.channels());
            newChannels.removeAll(before.channels());
            announce(h, incident, newChannels);
            if (now.page() && !paged(h, incident)) {
                page(h, incident, "raised " + from.name() + " → " + incident.severity().name());
            }
            List<String> newMail = new ArrayList<>(now.email());
            newMail.removeAll(before.email());
            mail(h, incident, newMail);
        } else if (paged(h, incident) && !now.page()) {
            notes.note(h, incident.id(), "📟 The PagerDuty page stays open: lowering to " + incident.severity().name()
                    + " does not un-page. It is resolved when " + incident.id() + " is resolved.");
        }
    }

    @Override
    public void statusPosted(Handle h, Incident incident, TimelineEntry update) {
        if (incident.commander() != null && incident.commander().equals(update.actor()) && paged(h, incident)
                && h.attach(NotifyLog.class).count(incident.id(), OutboundKinds.PAGERDUTY, ACKNOWLEDGE) == 0) {
            write(h, new OutboundCall(OutboundKinds.PAGERDUTY, incident.id(), ACKNOWLEDGE, PagerDutyEvents.acknowledge(incident)));
        }
    }

    @Override
    public void resolved(Handle h, Incident incident, String actor) {
        if (paged(h, incident)) {
            write(h, new OutboundCall(OutboundKinds.PAGERDUTY, incident.id(), RESOLVE, PagerDutyEvents.resolve(incident)));
        }
        List<String> to = rules.of(incident.severity()).email();
        if (!to.isEmpty() && settings.mail()) {
            write(h, new OutboundCall(OutboundKinds.MAIL, incident.id(), "resolved-mail",
                    MailDeliverer.payload(MailTemplates.resolved(incident, to, null))));
        }
    }

    /** Writes a page for an escalation step that names {@code pagerduty}; PagerDuty merges it by the incident id. */
    public void escalate(Handle h, Incident incident, String step) {
        if (settings.paging()) {
            // recorded as a trigger, so resolving the incident resolves this page too
            write(h, new OutboundCall(OutboundKinds.PAGERDUTY, incident.id(), TRIGGER,
                    PagerDutyEvents.trigger(incident, "escalation step " + step + ": still open")));
        }
    }

    private void announce(Handle h, Incident incident, List<String> ruleChannels) {
        List<String> where = ruleChannels.stream().filter(c -> !c.equals(incident.channelId())).toList();
        if (!where.isEmpty()) {
            channels.announce(h, incident, where);
        }
    }

    private void page(Handle h, Incident incident, String why) {
        if (settings.paging()) {
            write(h, new OutboundCall(OutboundKinds.PAGERDUTY, incident.id(), TRIGGER, PagerDutyEvents.trigger(incident, why)));
        }
    }

    private void mail(Handle h, Incident incident, List<String> to) {
        if (!to.isEmpty() && settings.mail()) {
            write(h, new OutboundCall(OutboundKinds.MAIL, incident.id(), "incident-mail",
                    MailDeliverer.payload(MailTemplates.declared(incident, to, updateEvery, null))));
        }
    }

    private static boolean paged(Handle h, Incident incident) {
        return h.attach(NotifyLog.class).count(incident.id(), OutboundKinds.PAGERDUTY, TRIGGER) > 0;
    }

    private void write(Handle h, OutboundCall call) {
        h.attach(OutboundCallRepository.class).insert(call, clock.instant());
        wake.accept(h);
    }

    static String ticketText(Incident i) {
        StringBuilder sb = new StringBuilder();
        sb.append("Incident ").append(i.id()).append(", ").append(i.severity().name()).append(" (")
                .append(i.severity().display()).append("), declared ").append(i.declaredAt()).append(".\n\n");
        sb.append("Title: ").append(i.title()).append("\n\n");
        if (i.description() != null && !i.description().isBlank()) {
            sb.append("Impact: ").append(i.description()).append("\n\n");
        }
        sb.append("Status: ").append(i.status().name()).append(". Resolution target: within ")
                .append(i.severity().resolutionTargetText()).append('.');
        return sb.toString();
    }
}
