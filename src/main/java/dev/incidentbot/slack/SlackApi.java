package dev.incidentbot.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.methods.response.files.FilesInfoResponse;
import dev.incidentbot.UserError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Web API call of the bot goes through here: 429 is retried after Slack's Retry-After, 5xx and network
 * errors with exponential backoff. What must not be lost is queued in the {@link SlackOutbox} first.
 */
public final class SlackApi {
    private static final Logger log = LoggerFactory.getLogger(SlackApi.class);
    public static final long MAX_DOWNLOAD_BYTES = 200L * 1024 * 1024;

    /** How often and how long to retry; {@code sleeper} is replaceable so tests don't wait. */
    public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff, Sleeper sleeper) {
        public static RetryPolicy standard() {
            return new RetryPolicy(6, Duration.ofMillis(300), Duration.ofSeconds(8), Thread::sleep);
        }
    }

    /** Waits between attempts. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** One Web API method invocation. */
    @FunctionalInterface
    public interface Call<T extends SlackApiTextResponse> {
        T run(MethodsClient methods) throws IOException, SlackApiException;
    }

    private final Slack slack;
    private final MethodsClient methods;
    private final String token;
    private final RetryPolicy retry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public SlackApi(Slack slack, String token, RetryPolicy retry) {
        this.slack = slack;
        this.methods = slack.methods(token);
        this.token = token;
        this.retry = retry;
    }

    /** Runs a call, retrying 429/5xx/network failures; a Slack "ok": false answer is final. */
    public <T extends SlackApiTextResponse> T call(String name, Call<T> call) throws SlackCallFailed {
        long backoff = retry.firstBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            long wait;
            String why;
            try {
                T response = call.run(methods);
                if (response.isOk()) {
                    return response;
                }
                boolean retryable = "ratelimited".equals(response.getError()) || "internal_error".equals(response.getError())
                        || "fatal_error".equals(response.getError()) || "service_unavailable".equals(response.getError());
                if (!retryable || attempt >= retry.attempts()) {
                    throw new SlackCallFailed(name + " answered " + response.getError(), retryable, null);
                }
                why = response.getError();
                wait = backoff;
            } catch (SlackApiException e) {
                int code = e.getResponse() == null ? 0 : e.getResponse().code();
                boolean retryable = code == 429 || code >= 500;
                if (!retryable || attempt >= retry.attempts()) {
                    throw new SlackCallFailed(name + " failed with HTTP " + code, retryable, e);
                }
                why = "HTTP " + code;
                wait = code == 429 ? retryAfterMillis(e, backoff) : backoff;
            } catch (IOException e) {
                if (attempt >= retry.attempts()) {
                    throw new SlackCallFailed(name + " failed: " + e.getMessage(), true, e);
                }
                why = e.getClass().getSimpleName();
                wait = backoff;
            }
            log.warn("{} attempt {} got {}; retrying in {} ms", name, attempt, why, wait);
            sleep(wait);
            backoff = Math.min(backoff * 2, retry.maxBackoff().toMillis());
        }
    }

    private static long retryAfterMillis(SlackApiException e, long fallback) {
        String header = e.getResponse().header("Retry-After");
        try {
            return header == null ? fallback : Math.min(60_000, Math.max(0, Long.parseLong(header.trim()) * 1000));
        } catch (NumberFormatException nfe) {
            return fallback;
        }
    }

    private void sleep(long millis) throws SlackCallFailed {
        try {
            retry.sleeper().sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("interrupted while waiting to retry", true, ie);
        }
    }

    /** Posts a message (in a thread when {@code threadTs} is set) and returns its ts. */
    public ChatPostMessageResponse postMessage(String channel, String threadTs, String text, String blocksJson,
                                               boolean broadcast) throws SlackCallFailed {
        return postMessage(channel, threadTs, text, blocksJson, broadcast, null);
    }

    /** The metadata event type that marks a message with the outbox row it was sent for. */
    static final String OUTBOX_EVENT = "incident_bot_outbox";

    /**
     * Posts a message and, with {@code outboxRow} set, tags it with that row in Slack's message metadata, so that a
     * sender that takes the row over after a crash can find it ({@link #findOutboxPost}) instead of posting it again.
     */
    public ChatPostMessageResponse postMessage(String channel, String threadTs, String text, String blocksJson,
                                               boolean broadcast, Long outboxRow) throws SlackCallFailed {
        return call("chat.postMessage", m -> m.chatPostMessage(r -> {
            r.channel(channel).text(text).unfurlLinks(false).unfurlMedia(false);
            if (outboxRow != null) {
                r.metadata(com.slack.api.model.Message.Metadata.builder().eventType(OUTBOX_EVENT)
                        .eventPayload(java.util.Map.of("row", String.valueOf(outboxRow))).build());
            }
            if (blocksJson != null) {
                r.blocksAsString(blocksJson);
            }
            if (threadTs != null) {
                r.threadTs(threadTs).replyBroadcast(broadcast);
            }
            return r;
        }));
    }

    /**
     * The ts of a message already posted for {@code outboxRow} (tagged by {@link #postMessage}), searched in the
     * thread when {@code threadTs} is set, else in the channel's history since {@code oldestEpochSeconds}; null when
     * Slack has none. One page of 200 is enough: the row's message, if any, came right after the row was written.
     */
    public String findOutboxPost(String channel, String threadTs, long oldestEpochSeconds, long outboxRow)
            throws SlackCallFailed {
        String oldest = oldestEpochSeconds + ".000000";
        List<com.slack.api.model.Message> messages = threadTs == null
                ? call("conversations.history", m -> m.conversationsHistory(r -> r.channel(channel).oldest(oldest)
                        .limit(200).includeAllMetadata(true))).getMessages()
                : call("conversations.replies", m -> m.conversationsReplies(r -> r.channel(channel).ts(threadTs)
                        .oldest(oldest).limit(200).includeAllMetadata(true))).getMessages();
        if (messages == null) {
            return null;
        }
        String row = String.valueOf(outboxRow);
        for (com.slack.api.model.Message msg : messages) {
            var meta = msg.getMetadata();
            if (meta != null && OUTBOX_EVENT.equals(meta.getEventType()) && meta.getEventPayload() != null
                    && row.equals(String.valueOf(meta.getEventPayload().get("row")))) {
                return msg.getTs();
            }
        }
        return null;
    }

    /** An ephemeral reply to a slash command or action through its response_url (no token needed). */
    public void respond(String responseUrl, String payloadJson) {
        if (responseUrl == null || responseUrl.isBlank()) {
            return;
        }
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                var r = slack.send(responseUrl, payloadJson);
                if (r.getCode() < 500) {
                    return;
                }
            } catch (IOException e) {
                log.warn("response_url post failed (attempt {}): {}", attempt, e.getMessage());
            }
            try {
                retry.sleeper().sleep(300L * attempt);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Opens a Slack file shared with the bot: files.info, then url_private_download with the bot token, capped. */
    public Download download(String fileId, long maxBytes) throws SlackCallFailed, IOException {
        FilesInfoResponse info = call("files.info", m -> m.filesInfo(r -> r.file(fileId)));
        String url = info.getFile().getUrlPrivateDownload() != null ? info.getFile().getUrlPrivateDownload()
                : info.getFile().getUrlPrivate();
        if (url == null) {
            throw new UserError("Slack gave no download link for file " + fileId + ".");
        }
        if (info.getFile().getSize() != null && info.getFile().getSize() > maxBytes) {
            throw new UserError("File " + fileId + " is " + (info.getFile().getSize() >> 20) + " MB; the limit is "
                    + (maxBytes >> 20) + " MB. Cut it to the incident window and try again.");
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5)).GET().build();
        try {
            HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (res.statusCode() != 200) {
                res.body().close();
                throw new SlackCallFailed("download of " + fileId + " answered HTTP " + res.statusCode(), res.statusCode() >= 500, null);
            }
            return new Download(info.getFile().getName(), new CappedInputStream(res.body(), maxBytes, fileId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A file being downloaded: its name and a stream that refuses to read past the size cap. */
    public record Download(String name, InputStream body) {
    }

    /** Uploads a text file into a channel (thread) the current way: getUploadURLExternal, POST, completeUploadExternal. */
    public String upload(String channel, String threadTs, String filename, String title, String content, String comment)
            throws SlackCallFailed {
        return upload(channel, threadTs, filename, title, content.getBytes(StandardCharsets.UTF_8), comment);
    }

    /** Uploads bytes (a PNG chart, say) the same way; returns the file id. */
    public String upload(String channel, String threadTs, String filename, String title, byte[] bytes, String comment)
            throws SlackCallFailed {
        FilesGetUploadURLExternalResponse target = call("files.getUploadURLExternal",
                m -> m.filesGetUploadURLExternal(r -> r.filename(filename).length(bytes.length)));
        try {
            HttpResponse<Void> res = http.send(HttpRequest.newBuilder(URI.create(target.getUploadUrl()))
                    .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (res.statusCode() != 200) {
                throw new SlackCallFailed("file upload answered HTTP " + res.statusCode(), res.statusCode() >= 500, null);
            }
        } catch (IOException e) {
            throw new SlackCallFailed("file upload failed: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("interrupted", true, e);
        }
        call("files.completeUploadExternal", m -> m.filesCompleteUploadExternal(r -> {
            r.files(List.of(FilesCompleteUploadExternalRequest.FileDetails.builder().id(target.getFileId()).title(title).build()))
                    .channelId(channel).initialComment(comment);
            if (threadTs != null) {
                r.threadTs(threadTs);
            }
            return r;
        }));
        return target.getFileId();
    }

    /** Stops reading at a size cap so a huge upload cannot exhaust memory or disk. */
    private static final class CappedInputStream extends FilterInputStream {
        private final long max;
        private final String name;
        private long read;

        CappedInputStream(InputStream in, long max, String name) {
            super(in);
            this.max = max;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > max) {
                throw new UserError("File " + name + " is larger than " + (max >> 20) + " MB; cut it to the incident window.");
            }
        }
    }
}
