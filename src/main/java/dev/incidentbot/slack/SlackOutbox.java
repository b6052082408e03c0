package dev.incidentbot.slack;

import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.outbox.Outbox;
import dev.incidentbot.outbox.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Slack's side of the {@link SlackOutbox}: writes Slack rows (posts and uploads), preferably in the transaction of the
 * change they report ({@link #write}), and registers the {@link SlackDeliverer} that sends them. A retryable Slack
 * failure pauses the Slack lane ({@link #RETRY_PAUSE}) and never drops a row; a refusal gives the row up.
 */
public final class SlackOutbox {
    /** How long the Slack lane waits after SlackApi's own retries failed (Slack down), before trying again. */
    public static final Duration RETRY_PAUSE = Duration.ofSeconds(3);

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Clock clock;
    private final List<SentListener> sentListeners = new CopyOnWriteArrayList<>();

    /**
     * Told the ts of a message once Slack has it, in the transaction that marks the row sent, so what it records (an
     * announcement's ts that later thread rows need) is committed together with the mark.
     */
    @FunctionalInterface
    public interface SentListener {
        void sent(Handle handle, OutboxMessage message, String channel, String ts);
    }

    public SlackOutbox(Jdbi jdbi, Outbox outbox, SlackApi api, IncidentService incidents, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.clock = clock;
        outbox.register(new SlackDeliverer(jdbi, api, incidents, sentListeners), RetryPolicy.holdLane(RETRY_PAUSE));
    }

    public void addSentListener(SentListener listener) {
        sentListeners.add(listener);
    }

    /** Writes the row in {@code handle}'s transaction; the sender is woken when it commits. Returns the row id. */
    public long write(Handle handle, OutboxMessage message) {
        long id = handle.attach(OutboxRepository.class).insert(message, clock.instant());
        outbox.wakeAfterCommit(handle);
        return id;
    }

    /**
     * Stores a row on its own, for messages that report no stored change (an ad-hoc analysis, a channel just created
     * in Slack). Returns the row id.
     */
    public long enqueue(OutboxMessage message) {
        return jdbi.inTransaction(h -> write(h, message));
    }

    Jdbi jdbi() {
        return jdbi;
    }

    Clock clock() {
        return clock;
    }

    public Outbox outbox() {
        return outbox;
    }
}
