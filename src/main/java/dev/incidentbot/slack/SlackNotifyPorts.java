package dev.incidentbot.slack;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentRepository;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.notify.RuleChannels;
import dev.incidentbot.notify.ThreadLinks;
import dev.incidentbot.notify.ThreadNotes;
import dev.incidentbot.slack.blocks.IncidentBlocks;
import dev.incidentbot.slack.blocks.SlackMessage;
import java.time.Clock;
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
    private final Outbox outbox;
    private final IncidentService incidents;
    private final Duration updateEvery;
    private final Clock clock;

    public SlackNotifyPorts(Outbox outbox, IncidentService incidents, Duration updateEvery, Clock clock) {
        this.outbox = outbox;
        this.incidents = incidents;
        this.updateEvery = updateEvery;
        this.clock = clock;
    }

    @Override
    public void announce(Handle handle, Incident incident, List<String> channels) {
        SlackMessage m = IncidentBlocks.declared(incident, updateEvery, List.of());
        OutboxRepository rows = handle.attach(OutboxRepository.class);
        for (String channel : channels) {
            rows.insert(OutboxMessage.of(incident.id(), "announce-rule", channel, false, m.text(), m.blocksJson()), clock.instant());
        }
        handle.afterCommit(outbox::poke);
    }

    @Override
    public void note(Handle handle, String incidentId, String text) {
        Incident incident = handle.attach(IncidentRepository.class).find(incidentId).orElse(null);
        if (incident == null) {
            return;
        }
        boolean dedicated = incident.incidentChannelId() != null;
        handle.attach(OutboxRepository.class).insert(OutboxMessage.of(incidentId, "notify-note", incident.homeChannel(),
                !dedicated, Escaping.text(text), null), clock.instant());
        handle.afterCommit(outbox::poke);
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
