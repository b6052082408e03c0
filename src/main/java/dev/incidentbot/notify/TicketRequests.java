package dev.incidentbot.notify;

import dev.incidentbot.UserError;
import dev.incidentbot.outbox.OutboundCall;
import dev.incidentbot.outbox.OutboundCallRepository;
import java.time.Clock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Asks for a ticket on people's behalf ({@code /incident retro ticket}): writes it to the outbox and returns at once;
 * the key is said in the incident's thread when the tracker answers. One ticket per action item.
 */
public final class TicketRequests {
    private final Jdbi jdbi;
    private final NotifySettings settings;
    private final Clock clock;
    private final Consumer<Handle> wake;

    public TicketRequests(Jdbi jdbi, NotifySettings settings, Clock clock, Consumer<Handle> wake) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.clock = clock;
        this.wake = wake;
    }

    /** The outbox purpose of an action item's ticket; it names the item, so asking twice is caught. */
    static String purpose(long noteId) {
        return "action-item:" + noteId;
    }

    /**
     * Queues a ticket for action item {@code number} (note {@code noteId}) of an incident.
     *
     * @throws UserError when no tracker is set up, or the item already has (or is getting) a ticket
     */
    public void actionItem(String incidentId, String incidentTitle, int number, long noteId, String author, String text) {
        if (!settings.tickets()) {
            throw new UserError("No ticket tracker is set up: set JIRA_URL, JIRA_USER, JIRA_TOKEN and JIRA_PROJECT, "
                    + "or GITHUB_REPO and GITHUB_TOKEN.");
        }
        String summary = incidentId + " action item: " + text;
        String description = "Action item " + number + " from the retro of " + incidentId + " (" + incidentTitle + "), noted by "
                + author + ":\n\n" + text;
        jdbi.useTransaction(h -> {
            if (h.attach(NotifyLog.class).count(incidentId, OutboundKinds.TICKET, purpose(noteId)) > 0) {
                throw new UserError("Action item " + number + " of " + incidentId + " already has a ticket (or one is on its way).");
            }
            h.attach(OutboundCallRepository.class).insert(new OutboundCall(OutboundKinds.TICKET, incidentId, purpose(noteId),
                    TicketDeliverer.payload(new Ticket(summary, description, null, noteId))), clock.instant());
            wake.accept(h);
        });
    }
}
