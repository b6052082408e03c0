package dev.incidentbot.logsource;

import java.time.Instant;

/** The stretch of time an analysis reads: from the baseline before the incident up to now, both ends included. */
public record Window(Instant from, Instant to) {
    public Window {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("window starts after it ends: " + from + " > " + to);
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && !t.isAfter(to);
    }
}
