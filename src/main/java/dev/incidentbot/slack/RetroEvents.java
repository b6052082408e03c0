package dev.incidentbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.model.event.MessageBotEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import dev.incidentbot.retro.RetroService;
import dev.incidentbot.retro.ThreadReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events API messages that feed retros: thread replies become notes; edits and deletions update them.
 * Bolt dispatches a message by type and subtype, so plain replies, "also send to channel" replies, edits and
 * deletions each need their own handler. The work is a lookup and one insert, done before the ack: if the store
 * fails, Slack gets a 500 and retries, and the event id keeps the retry from storing twice.
 */
public final class RetroEvents implements SlackFeature {
    private static final Logger log = LoggerFactory.getLogger(RetroEvents.class);

    private final RetroService retro;

    public RetroEvents(RetroService retro) {
        this.retro = retro;
    }

    @Override
    public void register(App app) {
        app.event(MessageEvent.class, (req, ctx) -> {
            MessageEvent e = req.getEvent();
            if (e.getBotId() == null && e.getThreadTs() != null) {
                reply(req.getEventId(), e.getChannel(), e.getThreadTs(), e.getTs(), e.getUser(), e.getText(), ctx.getRetryNum());
            }
            return ctx.ack();
        });
        app.event(MessageThreadBroadcastEvent.class, (req, ctx) -> {
            MessageThreadBroadcastEvent e = req.getEvent();
            reply(req.getEventId(), e.getChannel(), e.getThreadTs(), e.getTs(), e.getUser(), e.getText(), ctx.getRetryNum());
            return ctx.ack();
        });
        app.event(MessageChangedEvent.class, (req, ctx) -> {
            MessageChangedEvent e = req.getEvent();
            MessageChangedEvent.Message m = e.getMessage();
            if (m != null && m.getBotId() == null && m.getTs() != null && m.getText() != null) {
                retro.edit(req.getEventId(), e.getChannel(), m.getTs(), Escaping.unescape(m.getText()));
            }
            return ctx.ack();
        });
        app.event(MessageDeletedEvent.class, (req, ctx) -> {
            MessageDeletedEvent e = req.getEvent();
            if (e.getDeletedTs() != null) {
                retro.delete(req.getEventId(), e.getChannel(), e.getDeletedTs());
            }
            return ctx.ack();
        });
        // Bots' own messages (ours included) arrive too when subscribed to channel messages: acknowledged, never notes.
        app.event(MessageBotEvent.class, (req, ctx) -> ctx.ack());
    }

    private void reply(String eventId, String channel, String threadTs, String ts, String user, String text, Integer retryNum) {
        if (user == null || text == null) {
            return;
        }
        RetroService.Outcome outcome = retro.addFromThread(new ThreadReply(eventId, channel, threadTs, ts, user, Escaping.unescape(text)));
        if (outcome == RetroService.Outcome.DUPLICATE) {
            log.info("retro reply {}/{} delivered again (event {}, retry {}); already stored", channel, ts, eventId, retryNum);
        }
    }
}
