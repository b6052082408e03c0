package dev.incidentbot.outbox;

import java.time.Instant;

/**
 * One stored outbound call of a kind other than a Slack post (a page, a mail, a ticket), as its {@link Deliverer}
 * receives it: {@code payload} is the JSON the writer stored, {@code attempts} how often delivery was tried before.
 */
public record OutboxEntry(long id, String kind, String incidentId, String purpose, String payload, int attempts,
                          Instant createdAt) {
}
