package dev.incidentbot.notify;

import org.jdbi.v3.core.Handle;

/**
 * The port through which notifying says something in an incident's thread (a ticket's key, a failed page); the
 * slack package implements it by writing an outbox row through {@code handle}, so the note commits with its cause.
 * {@code text} is plain: the implementation escapes it.
 */
public interface ThreadNotes {
    void note(Handle handle, String incidentId, String text);
}
