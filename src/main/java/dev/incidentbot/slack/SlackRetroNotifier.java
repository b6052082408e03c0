package dev.incidentbot.slack;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.retro.RetroNotifier;
import dev.incidentbot.slack.blocks.RetroBlocks;
import dev.incidentbot.slack.blocks.SlackMessage;
import java.util.List;

/**
 * Posts the retro prompts through the {@link SlackOutbox} as a new top-level message in the incident's home channel,
 * so the message's own ts is the thread replies come to; that ts is handed back once Slack has it.
 */
public final class SlackRetroNotifier implements RetroNotifier {
    public static final String PURPOSE = "retro";

    private final SlackOutbox outbox;

    /** Told where the prompts landed. */
    @FunctionalInterface
    public interface ThreadPosted {
        void posted(org.jdbi.v3.core.Handle handle, String incidentId, String channel, String ts);
    }

    public SlackRetroNotifier(SlackOutbox outbox) {
        this.outbox = outbox;
    }

    /** Registers {@code callback} for the prompts' messages (and only those) that the outbox sends. */
    public SlackRetroNotifier onPosted(ThreadPosted callback) {
        outbox.addSentListener((handle, message, channel, ts) -> {
            if (PURPOSE.equals(message.purpose()) && message.incidentId() != null && ts != null) {
                callback.posted(handle, message.incidentId(), channel, ts);
            }
        });
        return this;
    }

    @Override
    public void openThread(org.jdbi.v3.core.Handle handle, Incident incident, List<String> prompts, List<String> suggestions) {
        SlackMessage m = RetroBlocks.prompts(incident, prompts, suggestions);
        outbox.write(handle, OutboxMessage.of(incident.id(), PURPOSE, incident.homeChannel(), false, m.text(), m.blocksJson()));
    }
}
