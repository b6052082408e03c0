package dev.incidentbot.slack;

import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.outbox.Deliverer;
import dev.incidentbot.outbox.DeliveryFailure;
import dev.incidentbot.outbox.OutboxEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Sends the outbox's Slack rows: a post ({@code chat.postMessage}) or an upload, in the incident's announcement thread
 * when asked. The outbox sends an incident's rows in order, so the announcement is marked (and its ts recorded, in the
 * same transaction) before any of its thread's rows is read here.
 */
final class SlackDeliverer implements Deliverer {
    static final String KIND = "slack";

    private final Jdbi jdbi;
    private final SlackApi api;
    private final IncidentService incidents;
    private final List<SlackOutbox.SentListener> listeners;
    /** The channel Slack answered with, between deliver and delivered (one lane thread; removed on delivered). */
    private final Map<Long, Sent> sent = new ConcurrentHashMap<>();

    private record Sent(OutboxMessage message, String channel) { }

    SlackDeliverer(Jdbi jdbi, SlackApi api, IncidentService incidents, List<SlackOutbox.SentListener> listeners) {
        this.jdbi = jdbi;
        this.api = api;
        this.incidents = incidents;
        this.listeners = listeners;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String deliver(OutboxEntry entry) throws DeliveryFailure {
        OutboxMessage m = jdbi.withExtension(OutboxRepository.class, r -> r.find(entry.id()))
                .orElseThrow(() -> DeliveryFailure.permanent("not a Slack row"));
        String threadTs = m.threadTs();
        if (m.inThread() && threadTs == null && m.incidentId() != null) {
            Incident incident = incidents.find(m.incidentId()).orElse(null);
            // in a dedicated channel there is no announcement thread; an announcement given up leaves none either
            threadTs = incident == null || !m.channelId().equals(incident.channelId()) ? null : incident.messageTs();
        }
        try {
            if (m.isUpload()) {
                String fileId = api.upload(m.channelId(), threadTs, m.fileName(), m.fileTitle(), m.fileBytes(),
                        m.text().isEmpty() ? null : m.text());
                return fileId;
            }
            if (jdbi.withExtension(OutboxRepository.class, r -> r.orphaned(m.id()))) {
                // a sender that vanished had this row: if its post reached Slack, record that one instead of a repeat
                String ts = api.findOutboxPost(m.channelId(), threadTs, m.createdAt().getEpochSecond() - 60, m.id());
                if (ts != null) {
                    sent.put(m.id(), new Sent(m, m.channelId()));
                    return ts;
                }
            }
            ChatPostMessageResponse res = api.postMessage(m.channelId(), threadTs, m.text(), m.blocks(), false, m.id());
            sent.put(m.id(), new Sent(m, res.getChannel() == null ? m.channelId() : res.getChannel()));
            return res.getTs();
        } catch (SlackCallFailed e) {
            throw new DeliveryFailure(e.getMessage(), e.retryable(), null);
        }
    }

    @Override
    public void delivered(Handle handle, OutboxEntry entry, String reference) {
        handle.attach(OutboxRepository.class).setMessageTs(entry.id(), reference);
        Sent s = sent.remove(entry.id());
        if (s != null && reference != null) {
            for (SlackOutbox.SentListener l : listeners) {
                l.sent(handle, s.message(), s.channel(), reference);
            }
        }
    }

    @Override
    public void gaveUp(Handle handle, OutboxEntry entry, String reason) {
        sent.remove(entry.id());
    }
}
