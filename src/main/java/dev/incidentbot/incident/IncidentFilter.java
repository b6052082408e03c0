package dev.incidentbot.incident;

import java.time.Instant;

/**
 * Which incidents a list shows; null fields do not filter.
 *
 * @param openOnly only incidents not yet resolved (any open status)
 * @param from     declared at or after
 * @param until    declared before
 */
public record IncidentFilter(Severity severity, IncidentStatus status, boolean openOnly, Instant from, Instant until) {

    public static IncidentFilter all() {
        return new IncidentFilter(null, null, false, null, null);
    }
}
