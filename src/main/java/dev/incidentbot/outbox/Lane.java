package dev.incidentbot.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender of one kind, on its own thread, so a stuck kind (Slack down, PagerDuty slow) never holds up another:
 * claims due rows, renews each claim just before its call, delivers, marks the outcome with the deliverer's
 * follow-up in one transaction.
 */
final class Lane {
    private static final Logger log = LoggerFactory.getLogger(Lane.class);
    private static final int BATCH = 50;

    private final Jdbi jdbi;
    private final Deliverer deliverer;
    private final RetryPolicy retry;
    private final Clock clock;
    private final String replica;
    private final Duration lease;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private volatile long pausedUntilNanos;
    private volatile boolean closed;

    Lane(Jdbi jdbi, Deliverer deliverer, RetryPolicy retry, Clock clock, String replica, Duration lease) {
        this.jdbi = jdbi;
        this.deliverer = deliverer;
        this.retry = retry;
        this.clock = clock;
        this.replica = replica;
        this.lease = lease;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-" + deliverer.kind());
            t.setDaemon(true);
            return t;
        });
    }

    String kind() {
        return deliverer.kind();
    }

    /**
     * Starts the poll that picks up what no wake announces: rows written by another replica that died, leases that
     * ran out, backoffs that came due.
     */
    void start(Duration poll) {
        thread.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - pausedUntilNanos >= 0) {
                drain();
            }
        }, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drains soon; a wake while a drain is already queued is absorbed by it. */
    void wake() {
        if (!drainQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                drainQueued.set(false);
                drain();
            });
        } catch (RejectedExecutionException e) {
            drainQueued.set(false);
            log.debug("outbox lane {} closed; rows stay stored for the next start or another replica", kind());
        }
    }

    /** Sends due rows until none are left; returns early when the lane pauses (Slack down) or closes. */
    void drain() {
        try {
            while (!closed) {
                List<OutboxEntry> batch = claim();
                if (batch.isEmpty()) {
                    return;
                }
                long claimedAt = System.nanoTime();
                for (int i = 0; i < batch.size(); i++) {
                    if (closed || !send(batch.get(i), claimedAt)) {
                        release(batch.subList(i + 1, batch.size()));
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("outbox lane {} failed; retrying on the next poll", kind(), e);
        }
    }

    private List<OutboxEntry> claim() {
        return jdbi.inTransaction(h -> {
            OutboxRows rows = h.attach(OutboxRows.class);
            Instant now = clock.instant();
            List<Long> ids = rows.due(kind(), now, BATCH);
            if (ids.isEmpty()) {
                return List.of();
            }
            rows.claim(ids, replica, now, now.plus(lease));
            return rows.claimed(ids, replica);
        });
    }

    private void release(List<OutboxEntry> rest) {
        if (!rest.isEmpty()) {
            jdbi.useExtension(OutboxRows.class, r -> r.release(rest.stream().map(OutboxEntry::id).toList(), replica));
        }
    }

    /** Sends one claimed row; false when the lane must stop for now (paused after a retryable Slack failure). */
    private boolean send(OutboxEntry e, long claimedAtNanos) {
        // A batch may outlive a third of its lease (slow calls before this one): renew so the lease covers this
        // call. 0 rows: the lease ran out and another sender took the row, which is then its to send.
        if (System.nanoTime() - claimedAtNanos > lease.toNanos() / 3
                && jdbi.withExtension(OutboxRows.class, r -> r.renew(e.id(), replica, clock.instant().plus(lease))) == 0) {
            log.info("outbox row {} was taken over by another sender; skipping it", e.id());
            return true;
        }
        String reference;
        try {
            reference = deliverer.deliver(e);
        } catch (DeliveryFailure f) {
            return failed(e, f);
        } catch (RuntimeException ex) {
            log.error("outbox deliverer {} failed on row {}", kind(), e.id(), ex);
            return failed(e, DeliveryFailure.retryable("internal error: " + ex.getClass().getSimpleName(), null));
        }
        try {
            jdbi.useTransaction(h -> {
                if (h.attach(OutboxRows.class).markSent(e.id(), replica, clock.instant()) == 1) {
                    deliverer.delivered(h, e, reference);
                } else {
                    log.warn("outbox row {} ({}) was sent here after another sender took it over", e.id(), kind());
                }
            });
        } catch (RuntimeException ex) {
            // The call was made: mark it alone rather than leave it to be made again when the lease runs out.
            log.error("outbox row {} ({}) sent, but recording what followed failed; marking it sent without it",
                    e.id(), kind(), ex);
            jdbi.useExtension(OutboxRows.class, r -> r.markSent(e.id(), replica, clock.instant()));
        }
        return true;
    }

    private boolean failed(OutboxEntry e, DeliveryFailure f) {
        String reason = trim(f.getMessage());
        int attempt = e.attempts() + 1;
        if (!f.retryable() || attempt >= retry.maxAttempts()) {
            String why = f.retryable() ? "gave up after " + attempt + " attempts: " + reason : reason;
            log.error("outbox row {} ({}) for {} given up: {}", e.id(), kind(), e.incidentId(), why);
            jdbi.useTransaction(h -> {
                if (h.attach(OutboxRows.class).markGaveUp(e.id(), replica, clock.instant(), trim(why)) == 1) {
                    deliverer.gaveUp(h, e, why);
                }
            });
            return true;
        }
        Duration wait = f.retryAfter() != null ? f.retryAfter() : retry.delayAfter(attempt);
        if (retry.holdLane()) {
            // Real time, not the row's clock: the whole lane waits, and the row stays first in line.
            log.warn("outbox row {} ({}) not sent yet ({}); lane pauses {} ms", e.id(), kind(), reason, wait.toMillis());
            jdbi.useExtension(OutboxRows.class, r -> r.markRetry(e.id(), replica, reason, null));
            pausedUntilNanos = System.nanoTime() + wait.toNanos();
            schedule(wait);
            return false;
        }
        Instant next = clock.instant().plus(wait);
        log.warn("outbox row {} ({}) failed attempt {} ({}); next at {}", e.id(), kind(), attempt, reason, next);
        jdbi.useExtension(OutboxRows.class, r -> r.markRetry(e.id(), replica, reason, next));
        return true;
    }

    private void schedule(Duration wait) {
        try {
            thread.schedule(this::drain, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // closing: the row is released and stays stored
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.length() > 900 ? s.substring(0, 900) : s;
    }

    /** Takes no more work; what runs now finishes (see {@link #awaitStopped}); the outbox stops all lanes so. */
    void shutdown() {
        closed = true;
        thread.shutdown();
    }

    /** Waits for the call in flight until {@code deadlineNanos}; true when the thread ended. */
    boolean awaitStopped(long deadlineNanos) {
        try {
            // No interrupt: an interrupted thread in H2's file I/O closes the store's file channel for everyone.
            // A call still running past this is abandoned (daemon thread); its row's lease lets another replica retry.
            if (!thread.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                log.warn("outbox lane {} still busy at stop; its row is left to the lease", kind());
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
