package dev.incidentbot.incident;

import java.time.Instant;

/**
 * When an incident was declared, first acknowledged by a person and resolved: the raw figures of the response stats.
 *
 * @param acknowledgedAt the first status update, commander or resolution by someone other than monitoring; null if none yet
 */
public record ResponseTimes(String id, Severity severity, Instant declaredAt, Instant acknowledgedAt, Instant resolvedAt) {
}
