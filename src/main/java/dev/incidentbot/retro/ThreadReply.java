package dev.incidentbot.retro;

/**
 * A person's message in a thread, as the Events API delivered it (Slack's escaping already undone).
 *
 * @param eventId the envelope's event_id, the same on every retry of one delivery; may be null
 */
public record ThreadReply(String eventId, String channel, String threadTs, String ts, String user, String text) {
}
