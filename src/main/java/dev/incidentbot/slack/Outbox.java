package dev.incidentbot.slack;

import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persisted messages for Slack, posted by one sender thread in the order they were written. A message is stored
 * before it is sent and marked after, so a Slack outage or a crash does not lose it: unsent rows are re-driven at
 * start-up and after each failure. (A crash between Slack's answer and the mark can repeat one message: at least once.)
 * File uploads (charts, long reports) are rows too, sent in the same order, so a Slack outage delays them like posts.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final long RETRY_DELAY_MS = 3_000;

    private final Jdbi jdbi;
    private final SlackApi api;
    private final IncidentService incidents;
    private final Clock clock;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slack-outbox");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final List<SentListener> sentListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told the ts of every message once Slack has it (e.g. to remember a thread that replies will come to). */
    @FunctionalInterface
    public interface SentListener {
        void sent(OutboxMessage message, String channel, String ts);
    }

    public void addSentListener(SentListener listener) {
        sentListeners.add(listener);
    }

    public Outbox(Jdbi jdbi, SlackApi api, IncidentService incidents, Clock clock) {
        this.jdbi = jdbi;
        this.api = api;
        this.incidents = incidents;
        this.clock = clock;
    }

    /** Stores the message and wakes the sender; returns the row id. */
    public long enqueue(OutboxMessage message) {
        long id = jdbi.withExtension(OutboxRepository.class, r -> r.insert(message, clock.instant()));
        wake(0);
        return id;
    }

    /** Wakes the sender for rows written by other means (in a change's transaction, after it commits). */
    public void poke() {
        wake(0);
    }

    /** Re-drives whatever an earlier run left unsent. */
    public void start() {
        int pending = jdbi.withExtension(OutboxRepository.class, OutboxRepository::countUnsent);
        if (pending > 0) {
            log.info("re-driving {} unsent Slack message(s) from before the restart", pending);
        }
        wake(0);
    }

    public int pending() {
        return jdbi.withExtension(OutboxRepository.class, OutboxRepository::countUnsent);
    }

    private void wake(long delayMs) {
        if (delayMs == 0 && !drainQueued.compareAndSet(false, true)) {
            return; // a drain is already queued and will see this row
        }
        try {
            sender.schedule(() -> {
                if (delayMs == 0) {
                    drainQueued.set(false);
                }
                drain();
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("outbox closed; message stays stored for the next start");
        }
    }

    /** Sends unsent rows in order; stops at the first retryable failure so order is kept, and tries again later. */
    void drain() {
        try {
            while (true) {
                List<OutboxMessage> batch = jdbi.withExtension(OutboxRepository.class, OutboxRepository::unsent);
                if (batch.isEmpty()) {
                    return;
                }
                for (OutboxMessage m : batch) {
                    if (!sendOne(m)) {
                        wake(RETRY_DELAY_MS);
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("outbox drain failed; retrying", e);
            wake(RETRY_DELAY_MS);
        }
    }

    private boolean sendOne(OutboxMessage m) {
        String threadTs = m.threadTs();
        if (m.inThread() && threadTs == null && m.incidentId() != null) {
            Incident incident = incidents.find(m.incidentId()).orElse(null);
            threadTs = incident == null ? null : incident.messageTs();
            if (threadTs == null && incident != null && m.channelId().equals(incident.channelId())
                    && jdbi.withExtension(OutboxRepository.class, r -> r.unsentAnnouncements(m.incidentId())) > 0) {
                return false; // the thread root is not posted yet; keep the order
            }
            if (incident != null && !m.channelId().equals(incident.channelId())) {
                threadTs = null; // posted in a dedicated channel: no announcement thread there
            }
        }
        try {
            if (m.isUpload()) {
                String fileId = api.upload(m.channelId(), threadTs, m.fileName(), m.fileTitle(), m.fileBytes(),
                        m.text().isEmpty() ? null : m.text());
                jdbi.useExtension(OutboxRepository.class, r -> r.markSent(m.id(), clock.instant(), fileId));
                return true;
            }
            ChatPostMessageResponse res = api.postMessage(m.channelId(), threadTs, m.text(), m.blocks(), false);
            jdbi.useExtension(OutboxRepository.class, r -> r.markSent(m.id(), clock.instant(), res.getTs()));
            for (SentListener l : sentListeners) {
                try {
                    l.sent(m, res.getChannel() == null ? m.channelId() : res.getChannel(), res.getTs());
                } catch (RuntimeException e) {
                    log.error("a sent-listener failed for outbox message {}", m.id(), e);
                }
            }
            return true;
        } catch (SlackCallFailed e) {
            if (e.retryable()) {
                log.warn("outbox message {} not sent yet ({}); will retry", m.id(), e.getMessage());
                jdbi.useExtension(OutboxRepository.class, r -> r.markAttempt(m.id(), trim(e.getMessage())));
                return false;
            }
            log.error("outbox message {} for {} refused by Slack: {}", m.id(), m.incidentId(), e.getMessage());
            jdbi.useExtension(OutboxRepository.class, r -> r.markGaveUp(m.id(), clock.instant(), trim(e.getMessage())));
            return true;
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.length() > 900 ? s.substring(0, 900) : s;
    }

    /** Waits until nothing is pending or the timeout passes; for tests and orderly shutdown. */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            if (pending() == 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return pending() == 0;
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
