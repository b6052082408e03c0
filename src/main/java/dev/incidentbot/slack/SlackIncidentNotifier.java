package dev.incidentbot.slack;

import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentNotifier;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.incident.Trigger;
import dev.incidentbot.slack.blocks.AlertBlocks;
import dev.incidentbot.slack.blocks.IncidentBlocks;
import dev.incidentbot.slack.blocks.SlackMessage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells Slack about incidents through the {@link SlackOutbox}: announcement, thread updates, resolution; with dedicated
 * channels on, also opens each incident's channel, on {@code channelWork} so declaring never waits for Slack.
 */
public final class SlackIncidentNotifier implements IncidentNotifier {
    private static final Logger log = LoggerFactory.getLogger(SlackIncidentNotifier.class);

    private final SlackOutbox outbox;
    private final SlackApi api;
    private final IncidentService incidents;
    private final String incidentChannel;
    private final Duration updateEvery;
    private final boolean dedicatedChannels;
    private final Executor channelWork;

    public SlackIncidentNotifier(SlackOutbox outbox, SlackApi api, IncidentService incidents, String incidentChannel,
                                 Duration updateEvery, boolean dedicatedChannels, Executor channelWork) {
        this.outbox = outbox;
        this.api = api;
        this.incidents = incidents;
        this.incidentChannel = incidentChannel;
        this.updateEvery = updateEvery;
        this.dedicatedChannels = dedicatedChannels;
        this.channelWork = channelWork;
        // The announcement's ts is the root of the incident thread: recorded as soon as Slack answers, before the
        // outbox sends anything that goes in that thread.
        outbox.addSentListener((handle, message, channel, ts) -> {
            if (OutboxMessage.ANNOUNCE.equals(message.purpose()) && message.incidentId() != null && ts != null) {
                incidents.attachAnnouncement(handle, message.incidentId(), ts);
            }
        });
    }

    @Override
    public void declared(Incident incident, Trigger trigger) {
        List<String> extra = trigger == null ? List.of() : AlertBlocks.announcementLines(trigger);
        SlackMessage m = IncidentBlocks.declared(incident, updateEvery, extra);
        outbox.enqueue(OutboxMessage.of(incident.id(), OutboxMessage.ANNOUNCE, incident.channelId(), false, m.text(), m.blocksJson()));
        if (incident.severity().isMajor() && !incident.channelId().equals(incidentChannel)) {
            // The policy announces SEV1/SEV2 broadly: a pointer in the incidents channel too.
            String text = "🚨 " + incident.id() + " " + incident.severity().display() + ": " + Escaping.text(incident.title())
                    + " declared in <#" + incident.channelId() + ">";
            outbox.enqueue(OutboxMessage.of(incident.id(), "pointer", incidentChannel, false, text, null));
        }
        if (dedicatedChannels) {
            // Creating a channel is two Slack calls with retries: off the declaring thread (for alerts, the alert
            // writer's, holding its lock), after the announcement, which does not wait for it.
            try {
                channelWork.execute(() -> openChannel(incident, m));
            } catch (RejectedExecutionException e) {
                log.warn("no channel for {}: shutting down or overloaded; it lives in the announcement's thread", incident.id());
            }
        }
    }

    /** Creates the incident's channel, copies the announcement there and links it from the announcement's thread. */
    private void openChannel(Incident incident, SlackMessage announcement) {
        String channel = createChannel(incident);
        if (channel == null) {
            return;
        }
        outbox.enqueue(OutboxMessage.of(incident.id(), "announce-copy", channel, false, announcement.text(), announcement.blocksJson()));
        outbox.enqueue(OutboxMessage.of(incident.id(), "channel-link", incident.channelId(), true,
                "*Incident channel:* <#" + channel + ">, join to help.", null));
    }

    /** Creates inc-2026-001-short-title and invites the declarer; on any failure the incident lives in the thread. */
    private String createChannel(Incident incident) {
        String name = channelName(incident);
        try {
            ConversationsCreateResponse created = api.call("conversations.create",
                    m -> m.conversationsCreate(r -> r.name(name).isPrivate(false)));
            String channel = created.getChannel().getId();
            if (incident.declaredBy() != null && incident.declaredBy().matches("[UW][A-Z0-9]+")) {
                api.call("conversations.invite", m -> m.conversationsInvite(r -> r.channel(channel).users(List.of(incident.declaredBy()))));
            }
            incidents.attachIncidentChannel(incident.id(), channel);
            return channel;
        } catch (SlackCallFailed e) {
            log.warn("could not create channel {} for {}: {}", name, incident.id(), e.getMessage());
            return null;
        } catch (RuntimeException e) {
            log.error("could not create channel {} for {}", name, incident.id(), e);
            return null;
        }
    }

    /** Slack channel names: lower case, digits, hyphens, at most 80 characters. */
    static String channelName(Incident incident) {
        String slug = incident.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        String base = incident.id().toLowerCase(Locale.ROOT);
        String name = slug.isEmpty() ? base : base + "-" + slug;
        name = name.length() > 60 ? name.substring(0, 60) : name;
        return name.replaceAll("-+$", "");
    }

    @Override
    public void statusPosted(Incident incident, TimelineEntry update) {
        thread(incident, "status", IncidentBlocks.statusUpdate(incident, update, updateEvery));
    }

    @Override
    public void severityChanged(Incident incident, Severity from, String actor) {
        SlackMessage m = IncidentBlocks.severityChanged(incident, from, actor);
        thread(incident, "severity", m);
        // A change of severity matters to everyone watching the channel, not only the thread.
        outbox.enqueue(OutboxMessage.of(incident.id(), "severity-broadcast", incident.channelId(), false, m.text(), m.blocksJson()));
    }

    @Override
    public void commanderAssigned(Incident incident, String actor) {
        thread(incident, "commander", IncidentBlocks.commanderAssigned(incident, actor));
    }

    @Override
    public void rootCauseRecorded(Incident incident, String actor) {
        thread(incident, "root-cause", IncidentBlocks.note(incident, "🔎 root cause recorded by " + Escaping.user(actor) + ": "
                + Escaping.text(incident.rootCause())));
    }

    @Override
    public void resolved(Incident incident, String actor) {
        SlackMessage m = IncidentBlocks.resolved(incident, actor);
        outbox.enqueue(OutboxMessage.of(incident.id(), "resolved", incident.channelId(), false, m.text(), m.blocksJson()));
        if (incident.incidentChannelId() != null) {
            outbox.enqueue(OutboxMessage.of(incident.id(), "resolved-copy", incident.incidentChannelId(), false, m.text(), m.blocksJson()));
        }
    }

    @Override
    public void noteInThread(Incident incident, String text) {
        thread(incident, "note", IncidentBlocks.note(incident, text));
    }

    /** Posts in the incident's home: its dedicated channel, or the announcement's thread. */
    public void thread(Incident incident, String purpose, SlackMessage m) {
        boolean dedicated = incident.incidentChannelId() != null;
        outbox.enqueue(OutboxMessage.of(incident.id(), purpose, incident.homeChannel(), !dedicated, m.text(), m.blocksJson()));
    }
}
