package dev.incidentbot.outbox;

/**
 * A call to make later, written to the outbox in the same transaction as the change it reports.
 *
 * @param kind       which {@link Deliverer} sends it ("pagerduty", "mail", "ticket", …)
 * @param incidentId the incident it is about (failures are noted in its thread), or null
 * @param purpose    what it is, for people reading the table ("trigger", "resolve", "declared-mail", …)
 * @param payload    JSON the deliverer understands; never a secret (credentials come from settings at send time)
 */
public record OutboundCall(String kind, String incidentId, String purpose, String payload) {
}
