package dev.incidentbot.retro;

import java.time.Instant;

/** Where an incident's retro runs: the prompts' message in its home channel; {@code threadTs} is null until posted. */
public record RetroThread(long id, String incidentId, String channelId, String threadTs, Instant openedAt, String openedBy) {

    public boolean posted() {
        return threadTs != null;
    }
}
