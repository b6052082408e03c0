package dev.incidentbot.slack.command;

import dev.incidentbot.UserError;
import dev.incidentbot.notify.TicketRequests;
import dev.incidentbot.retro.RetroNote;
import dev.incidentbot.retro.RetroService;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.slack.Escaping;

/** {@code retro ticket [ID] N}: turns retro action item N into a ticket; its key comes to the thread when opened. */
public final class RetroTicketCommand {
    private final IncidentService incidents;
    private final RetroService retro;
    private final TicketRequests tickets;

    public RetroTicketCommand(IncidentService incidents, RetroService retro, TicketRequests tickets) {
        this.incidents = incidents;
        this.retro = retro;
        this.tickets = tickets;
    }

    public void run(CommandRequest request, String args, Replier reply) {
        IncidentArgs a = IncidentArgs.take(args, request, incidents, "retro ticket [ID] N", reply);
        int n;
        try {
            n = Integer.parseInt(a.rest().strip());
        } catch (NumberFormatException e) {
            throw new UserError("Which action item? `/incident retro ticket " + a.incident().id()
                    + " 1` makes a ticket of the first (the postmortem numbers them).");
        }
        RetroNote item = retro.actionItem(a.incident().id(), n);
        tickets.actionItem(a.incident().id(), a.incident().title(), n, item.id(), item.author(), item.text());
        reply.ephemeral("🎫 Opening a ticket for action item " + n + " of " + a.incident().id() + ": "
                + Escaping.text(item.text()) + ". Its key follows in the incident's thread.");
    }
}
