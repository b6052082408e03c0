package dev.incidentbot.slack;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentRepository;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.notify.RuleChannels;
import dev.incidentbot.notify.ThreadLinks;
import dev.incidentbot.notify.ThreadNotes;
import dev.incidentbot.slack.blocks.IncidentBlocks;
import dev.incidentbot.slack.blocks.SlackMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The Slack side of notifying by policy: announcements in a rule's channels and notes in an incident's thread are
 * outbox rows written in the caller's transaction (the sender is woken once it commits); thread links are built
 * from the announcement's channel and ts.
 */
public final class SlackNotifyPorts implements RuleChannels, ThreadNotes, ThreadLinks {
    private final SlackOutbox outbox;
    private final IncidentService incidents;
    private final Duration updateEvery;

    public SlackNotifyPorts(SlackOutbox outbox, IncidentService incidents, Duration updateEvery) {
        this.outbox = outbox;
        this.incidents = incidents;
        this.updateEvery = updateEvery;
    }

    @Override
    public void announce(Handle handle, Incident incident, List<String> channels) {
        SlackMessage m = IncidentBlocks.declared(incident, updateEvery, List.of());
        for (String channel : channels) {
            outbox.write(handle, OutboxMessage.of(incident.id(), "announce-rule", channel, false, m.text(), m.blocksJson()));
        }
    }

    @Override
    public void note(Handle handle, String incidentId, String text) {
        Incident incident = handle.attach(IncidentRepository.class).find(incidentId).orElse(null);
        if (incident == null) {
            return;
        }
        boolean dedicated = incident.incidentChannelId() != null;
        outbox.write(handle, OutboxMessage.of(incidentId, "notify-note", incident.homeChannel(), !dedicated,
                Escaping.text(text), null));
    }

    @Override
    public Optional<String> of(String incidentId) {
        return incidents.find(incidentId).filter(i -> i.messageTs() != null).map(SlackNotifyPorts::permalink);
    }

    /** Slack's archive link to the announcement; it opens the thread in the reader's workspace. */
    static String permalink(Incident i) {
        return "https://slack.com/archives/" + i.channelId() + "/p" + i.messageTs().replace(".", "");
    }
}
