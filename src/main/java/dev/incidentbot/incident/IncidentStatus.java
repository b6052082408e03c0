package dev.incidentbot.incident;

import dev.incidentbot.UserError;
import java.util.Locale;

/** The lifecycle of an incident: investigating → identified → monitoring → resolved. */
public enum IncidentStatus {
    INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED;

    public boolean isOpen() {
        return this != RESOLVED;
    }

    /** Parses a status word (case-insensitive). */
    public static IncidentStatus parse(String raw) {
        try {
            return valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("`" + raw + "` is not a status: use investigating, identified or monitoring.");
        }
    }

    /** An incident only moves forward while open; resolving is its own command so it gets its notification. */
    public boolean canMoveTo(IncidentStatus next) {
        return isOpen() && next != RESOLVED;
    }
}
