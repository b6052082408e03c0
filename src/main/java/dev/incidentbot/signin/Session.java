package dev.incidentbot.signin;

import java.time.Instant;

/** A signed-in browser: who (a Slack user id) and until when. */
public record Session(String userId, Instant createdAt, Instant expiresAt) {
}
