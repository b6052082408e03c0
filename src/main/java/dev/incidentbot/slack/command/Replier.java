package dev.incidentbot.slack.command;

import dev.incidentbot.slack.blocks.SlackMessage;

/** Answers the person who ran a command, privately. */
@FunctionalInterface
public interface Replier {
    void ephemeral(SlackMessage message);

    default void ephemeral(String mrkdwn) {
        ephemeral(SlackMessage.plain(mrkdwn));
    }
}
