package dev.incidentbot.slack.command;

/** Who ran /incident where, with what text, and where to answer privately. */
public record CommandRequest(String userId, String channelId, String text, String responseUrl, String triggerId) {
}
