package dev.incidentbot.notify;

import dev.incidentbot.outbox.DeliveryFailure;

/** A tracker that opens tickets: Jira Cloud or GitHub Issues. */
public interface TicketSystem {
    /** The tracker's name as people know it ("Jira", "GitHub"). */
    String name();

    Ticket.Created create(Ticket ticket) throws DeliveryFailure;
}
