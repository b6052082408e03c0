package dev.incidentbot.slack;

import dev.incidentbot.alert.AlertNotifier;
import dev.incidentbot.alert.GroupDigest;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentNotifier;
import dev.incidentbot.slack.blocks.AlertBlocks;
import dev.incidentbot.slack.blocks.SlackMessage;
import org.jdbi.v3.core.Handle;

/** Alert posts through the {@link SlackOutbox}: notes in an incident's thread, or compact posts in the incidents channel. */
public final class SlackAlertNotifier implements AlertNotifier {
    private final SlackOutbox outbox;
    private final IncidentNotifier incidents;
    private final String channel;

    public SlackAlertNotifier(SlackOutbox outbox, IncidentNotifier incidents, String channel) {
        this.outbox = outbox;
        this.incidents = incidents;
        this.channel = channel;
    }

    @Override
    public void incidentDigest(Handle handle, Incident incident, GroupDigest digest) {
        String note = AlertBlocks.incidentNote(digest);
        if (!note.isBlank()) {
            incidents.noteInThread(handle, incident, note);
        }
    }

    @Override
    public void compactDigest(Handle handle, GroupDigest digest) {
        SlackMessage m = AlertBlocks.compact(digest);
        if (!m.text().isBlank()) {
            outbox.write(handle, OutboxMessage.of(null, "alert", channel, false, m.text(), m.blocksJson()));
        }
    }
}
