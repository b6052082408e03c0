package dev.incidentbot.slack;

import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentListener;
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
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells Slack about incidents through the {@link SlackOutbox}, writing each post in the transaction of the change it
 * reports (announcement, thread updates, resolution, the SEV1/2 pointer). With dedicated channels on, it also opens
 * each incident's channel after the commit, on {@code channelWork} so declaring never waits for Slack; a channel lost
 * to a crash is opened by {@link #openMissingChannels()} at the next start.
 */
public final class SlackIncidentNotifier implements IncidentNotifier, IncidentListener {
    private static final Logger log = LoggerFactory.getLogger(SlackIncidentNotifier.class);
    /** A channel claim this old is a replica that died between claiming and recording the channel. */
    static final Duration CLAIM_STALE = Duration.ofMinutes(2);

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
    public void declared(Handle h, Incident incident, Trigger trigger) {
        List<String> extra = trigger == null ? List.of() : AlertBlocks.announcementLines(trigger);
        SlackMessage m = IncidentBlocks.declared(incident, updateEvery, extra);
        outbox.write(h, OutboxMessage.of(incident.id(), OutboxMessage.ANNOUNCE, incident.channelId(), false, m.text(), m.blocksJson()));
        if (incident.severity().isMajor() && !incident.channelId().equals(incidentChannel)) {
            // The policy announces SEV1/SEV2 broadly: a pointer in the incidents channel too.
            String text = "🚨 " + incident.id() + " " + incident.severity().display() + ": " + Escaping.text(incident.title())
                    + " declared in <#" + incident.channelId() + ">";
            outbox.write(h, OutboxMessage.of(incident.id(), "pointer", incidentChannel, false, text, null));
        }
    }

    /** After the commit: the dedicated channel, which is Slack API calls and not a row, so it cannot be in the transaction. */
    @Override
    public void declared(Incident incident, Trigger trigger) {
        if (dedicatedChannels) {
            // Creating a channel is two Slack calls with retries: off the declaring thread (for alerts, the alert
            // writer's, holding its lock), after the announcement, which does not wait for it.
            try {
                channelWork.execute(() -> openChannel(incident, announcementOf(incident, trigger)));
            } catch (RejectedExecutionException e) {
                log.warn("no channel for {} yet: shutting down or overloaded; the next start opens it", incident.id());
            }
        }
    }

    private SlackMessage announcementOf(Incident incident, Trigger trigger) {
        List<String> extra = trigger == null ? List.of() : AlertBlocks.announcementLines(trigger);
        return IncidentBlocks.declared(incident, updateEvery, extra);
    }

    /**
     * Opens the channels a crash (or a full work queue) left unopened: open incidents without one, whose claim is
     * free or older than {@link #CLAIM_STALE}. Called at start; returns how many were handed to the channel work.
     * The announcement's copy then lacks what monitoring saw (the trigger is not stored); the thread has it.
     */
    public int openMissingChannels() {
        if (!dedicatedChannels) {
            return 0;
        }
        int n = 0;
        for (Incident i : incidents.listOpen()) {
            if (i.incidentChannelId() == null) {
                channelWork.execute(() -> openChannel(i, announcementOf(i, null)));
                n++;
            }
        }
        if (n > 0) {
            log.info("opening dedicated channels missing for {} open incident(s)", n);
        }
        return n;
    }

    /**
     * Creates the incident's channel once across replicas (the one that claims it), then records it, copies the
     * announcement there and links it from the announcement's thread in one transaction.
     */
    private void openChannel(Incident incident, SlackMessage announcement) {
        if (!claimChannel(incident.id())) {
            log.debug("the channel of {} is another replica's to open", incident.id());
            return;
        }
        String channel = createChannel(incident);
        if (channel == null) {
            return;
        }
        outbox.jdbi().useTransaction(h -> {
            incidents.attachIncidentChannel(h, incident.id(), channel);
            outbox.write(h, OutboxMessage.of(incident.id(), "announce-copy", channel, false, announcement.text(),
                    announcement.blocksJson()));
            outbox.write(h, OutboxMessage.of(incident.id(), "channel-link", incident.channelId(), true,
                    "*Incident channel:* <#" + channel + ">, join to help.", null));
        });
    }

    private boolean claimChannel(String incidentId) {
        java.time.Instant now = outbox.clock().instant();
        String me = outbox.outbox().replicaId();
        try {
            return outbox.jdbi().withExtension(ChannelClaims.class, c -> c.claim(incidentId, me, now) == 1
                    || c.takeOver(incidentId, me, now, now.minus(CLAIM_STALE)) == 1);
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            return false; // two replicas inserting at once: the other won the key
        }
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
    public void statusPosted(Handle h, Incident incident, TimelineEntry update) {
        thread(h, incident, "status", IncidentBlocks.statusUpdate(incident, update, updateEvery));
    }

    @Override
    public void severityChanged(Handle h, Incident incident, Severity from, String actor) {
        SlackMessage m = IncidentBlocks.severityChanged(incident, from, actor);
        thread(h, incident, "severity", m);
        // A change of severity matters to everyone watching the channel, not only the thread.
        outbox.write(h, OutboxMessage.of(incident.id(), "severity-broadcast", incident.channelId(), false, m.text(), m.blocksJson()));
    }

    @Override
    public void commanderAssigned(Handle h, Incident incident, String actor) {
        thread(h, incident, "commander", IncidentBlocks.commanderAssigned(incident, actor));
    }

    @Override
    public void rootCauseRecorded(Handle h, Incident incident, String actor) {
        thread(h, incident, "root-cause", IncidentBlocks.note(incident, "🔎 root cause recorded by " + Escaping.user(actor) + ": "
                + Escaping.text(incident.rootCause())));
    }

    @Override
    public void resolved(Handle h, Incident incident, String actor) {
        SlackMessage m = IncidentBlocks.resolved(incident, actor);
        outbox.write(h, OutboxMessage.of(incident.id(), "resolved", incident.channelId(), false, m.text(), m.blocksJson()));
        if (incident.incidentChannelId() != null) {
            outbox.write(h, OutboxMessage.of(incident.id(), "resolved-copy", incident.incidentChannelId(), false, m.text(), m.blocksJson()));
        }
    }

    @Override
    public void noteInThread(Handle h, Incident incident, String text) {
        thread(h, incident, "note", IncidentBlocks.note(incident, text));
    }

    /** Posts in the incident's home (its dedicated channel, or the announcement's thread), in {@code h}'s transaction. */
    public void thread(Handle h, Incident incident, String purpose, SlackMessage m) {
        boolean dedicated = incident.incidentChannelId() != null;
        outbox.write(h, OutboxMessage.of(incident.id(), purpose, incident.homeChannel(), !dedicated, m.text(), m.blocksJson()));
    }
}
