package dev.incidentbot.retro;

/** The ticket a retro action item became: the tracker's key (OPS-12, #7) and its page. */
public record ActionTicket(long noteId, String ticketKey, String ticketUrl) {
}
