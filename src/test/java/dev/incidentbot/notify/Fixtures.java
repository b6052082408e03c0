package dev.incidentbot.notify;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.outbox.OutboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Incidents, outbox entries and a recording thread for the notify tests. */
final class Fixtures {
    static final Instant DECLARED = Instant.parse("2026-03-02T14:30:00Z");
    static final String HOSTILE = "<script>alert(1)</script> <!channel> & <b>x</b>";

    private Fixtures() {
    }

    static Incident incident(String id, Severity severity, String title) {
        return new Incident(id, title, "Accuracy dropped to 75%", severity, IncidentStatus.INVESTIGATING, "U0ALICE",
                "U0ALICE", "slack", false, DECLARED, DECLARED, null, null, null, null, "C0INCIDENT", null, null);
    }

    static OutboxEntry entry(long id, String kind, String incidentId, String purpose, String payload, int attempts) {
        return new OutboxEntry(id, kind, incidentId, purpose, payload, attempts, DECLARED);
    }

    /** A thread that records every note (incident id, text); the handle is not used. */
    static final class Thread implements ThreadNotes {
        final List<String> notes = new CopyOnWriteArrayList<>();

        @Override
        public void note(org.jdbi.v3.core.Handle handle, String incidentId, String text) {
            notes.add(incidentId + " " + text);
        }
    }
}
