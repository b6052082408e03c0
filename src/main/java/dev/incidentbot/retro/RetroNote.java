package dev.incidentbot.retro;

import java.time.Instant;

/**
 * One retro note: what kind, who said it and when, and where it came from.
 *
 * @param channel   the channel of the thread reply (or where {@code /incident retro add} was run)
 * @param ts        the reply's message ts; null for notes added with the command
 * @param editedAt  when the reply was last edited, null if never
 * @param deleted   the reply was deleted in Slack: kept for the record, left out of the postmortem
 */
public record RetroNote(long id, String incidentId, NoteKind kind, String author, String text, String channel, String ts,
                        Instant createdAt, Instant editedAt, boolean deleted) {

    public boolean fromThread() {
        return ts != null;
    }
}
