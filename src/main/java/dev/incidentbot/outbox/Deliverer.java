package dev.incidentbot.outbox;

import org.jdbi.v3.core.Handle;

/**
 * Sends the outbox entries of one kind. The outbox claims an entry, calls {@link #deliver} outside any transaction,
 * then marks it sent (or schedules a retry) and calls {@link #delivered} or {@link #gaveUp} in that same transaction,
 * so a follow-up (a ticket key in the thread, a failure note) is stored exactly when the entry is marked.
 */
public interface Deliverer {

    /** The kind this deliverer sends, as written in {@link OutboundCall#kind()}. */
    String kind();

    /**
     * Makes the call once. Returns what to record of it (a ticket key or URL, a dedup key), or null.
     *
     * @throws DeliveryFailure when the call failed; {@link DeliveryFailure#retryable()} says whether to try again
     */
    String deliver(OutboxEntry entry) throws DeliveryFailure;

    /** Called in the transaction that marks the entry sent; {@code reference} is what {@link #deliver} returned. */
    default void delivered(Handle handle, OutboxEntry entry, String reference) { }

    /** Called in the transaction that marks the entry failed for good (refused, or out of retries). */
    default void gaveUp(Handle handle, OutboxEntry entry, String reason) { }
}
