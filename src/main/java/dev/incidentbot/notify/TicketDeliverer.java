package dev.incidentbot.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentbot.incident.TimelineKind;
import dev.incidentbot.incident.TimelineRepository;
import dev.incidentbot.outbox.Deliverer;
import dev.incidentbot.outbox.DeliveryFailure;
import dev.incidentbot.outbox.OutboxEntry;
import java.io.IOException;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Opens tickets from the outbox. Once opened, its key and URL go on the incident's timeline, in its thread and (for
 * a retro action item) on the item, all in the transaction that marks the row sent, so none is lost or doubled.
 */
public final class TicketDeliverer implements Deliverer {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String BOT = "incident-bot";

    /** Hears of a ticket opened for a retro action item; the retro package stores the link. */
    @FunctionalInterface
    public interface ActionItemTickets {
        void ticketOpened(Handle handle, long retroNoteId, Ticket.Created ticket);
    }

    private final TicketSystem tracker;
    private final ThreadLinks links;
    private final ThreadNotes notes;
    private final ActionItemTickets actionItems;
    private final Clock clock;

    public TicketDeliverer(TicketSystem tracker, ThreadLinks links, ThreadNotes notes, ActionItemTickets actionItems, Clock clock) {
        this.tracker = tracker;
        this.links = links;
        this.notes = notes;
        this.actionItems = actionItems;
        this.clock = clock;
    }

    /** The outbox payload of a ticket. */
    public static String payload(Ticket t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("summary", t.summary());
        n.put("description", t.description());
        if (t.link() != null) {
            n.put("link", t.link());
        }
        if (t.retroNoteId() > 0) {
            n.put("retro_note", t.retroNoteId());
        }
        return n.toString();
    }

    static Ticket read(String payload) throws IOException {
        JsonNode n = JSON.readTree(payload);
        String link = n.hasNonNull("link") ? n.get("link").asText() : null;
        return new Ticket(n.path("summary").asText(), n.path("description").asText(), link, n.path("retro_note").asLong(0));
    }

    @Override
    public String kind() {
        return OutboundKinds.TICKET;
    }

    @Override
    public String deliver(OutboxEntry entry) throws DeliveryFailure {
        Ticket t;
        try {
            t = read(entry.payload());
        } catch (IOException e) {
            throw DeliveryFailure.permanent("ticket " + entry.id() + " is not readable");
        }
        if (t.link() == null && entry.incidentId() != null) {
            String link = links.of(entry.incidentId()).orElse(null);
            t = new Ticket(t.summary(), t.description(), link, t.retroNoteId());
        }
        Ticket.Created created = tracker.create(t);
        return created.key() + " " + created.url();
    }

    @Override
    public void delivered(Handle handle, OutboxEntry entry, String reference) {
        if (reference == null || entry.incidentId() == null) {
            return;
        }
        int space = reference.indexOf(' ');
        Ticket.Created created = space < 0 ? new Ticket.Created(reference, reference)
                : new Ticket.Created(reference.substring(0, space), reference.substring(space + 1));
        long noteId = 0;
        try {
            noteId = read(entry.payload()).retroNoteId();
        } catch (IOException e) {
            // deliver() read it a moment ago; an unreadable payload never gets here
        }
        String what = noteId > 0 ? "action item ticket" : "ticket";
        handle.attach(TimelineRepository.class).append(entry.incidentId(), clock.instant(), TimelineKind.NOTE, BOT,
                tracker.name() + " " + what + " " + created.key() + " opened: " + created.url());
        notes.note(handle, entry.incidentId(), "🎫 " + tracker.name() + " " + what + " " + created.key() + " opened: " + created.url());
        if (noteId > 0) {
            actionItems.ticketOpened(handle, noteId, created);
        }
    }

    @Override
    public void gaveUp(Handle handle, OutboxEntry entry, String reason) {
        if (entry.incidentId() != null) {
            notes.note(handle, entry.incidentId(), "⚠️ " + tracker.name() + " ticket not opened: " + reason);
        }
    }
}
