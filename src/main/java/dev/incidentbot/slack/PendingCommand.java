package dev.incidentbot.slack;

import dev.incidentbot.slack.blocks.SlackMessage;
import dev.incidentbot.slack.command.CommandRequest;

/**
 * A slash command that Slack already got its ack for, waiting for a work thread; if the bot stops before one takes
 * it, {@link #refuse()} tells the person, since a command acknowledged and then silently dropped looks done.
 */
public final class PendingCommand implements Runnable {
    private final Runnable work;
    private final CommandRequest request;
    private final String text;
    private final SlackApi api;

    PendingCommand(Runnable work, CommandRequest request, String text, SlackApi api) {
        this.work = work;
        this.request = request;
        this.text = text;
        this.api = api;
    }

    @Override
    public void run() {
        work.run();
    }

    /** Answers on the command's response_url that it never ran; nothing was changed, so running it again is safe. */
    public void refuse() {
        api.respond(request.responseUrl(), refusal(text).ephemeralJson());
    }

    /** The ephemeral message for a command the stop left unrun. */
    static SlackMessage refusal(String text) {
        String shown = text == null || text.isBlank() ? "" : " " + Escaping.code(text);
        return SlackMessage.plain("⚠️ incident-bot was restarting and did not run `/incident" + shown
                + "`. Nothing was changed: run it again in a minute.");
    }
}
