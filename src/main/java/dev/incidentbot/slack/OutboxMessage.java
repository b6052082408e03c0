package dev.incidentbot.slack;

import java.time.Instant;

/**
 * A message waiting to be posted, or posted: where, what, and for which incident.
 *
 * @param inThread post in the incident's announcement thread (resolved at send time, once it is known)
 * @param purpose  what the message is (announce, thread, resolution…); an announcement's ts becomes the thread root
 * @param fileName set for a file upload (a chart, a long report): then {@code text} is the upload's comment
 */
public record OutboxMessage(long id, Instant createdAt, String incidentId, String purpose, String channelId,
                            boolean inThread, String threadTs, String text, String blocks, int attempts,
                            Instant sentAt, String messageTs, String lastError, String fileName, String fileTitle,
                            byte[] fileBytes) {

    public static final String ANNOUNCE = "announce";

    /** A new message, not yet stored. */
    public static OutboxMessage of(String incidentId, String purpose, String channelId, boolean inThread, String text,
                                   String blocks) {
        return new OutboxMessage(0, null, incidentId, purpose, channelId, inThread, null, text, blocks, 0, null, null, null,
                null, null, null);
    }

    /** A new file upload (files.getUploadURLExternal → POST → files.completeUploadExternal), not yet stored. */
    public static OutboxMessage upload(String incidentId, String purpose, String channelId, boolean inThread,
                                       String fileName, String title, String comment, byte[] bytes) {
        return new OutboxMessage(0, null, incidentId, purpose, channelId, inThread, null, comment == null ? "" : comment,
                null, 0, null, null, null, fileName, title, bytes);
    }

    public boolean isUpload() {
        return fileName != null;
    }
}
