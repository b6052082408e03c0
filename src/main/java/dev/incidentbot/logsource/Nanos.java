package dev.incidentbot.logsource;

import java.time.Instant;

/** Instants as nanoseconds since the epoch, the unit of Loki's API. */
final class Nanos {
    private Nanos() {
    }

    static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
