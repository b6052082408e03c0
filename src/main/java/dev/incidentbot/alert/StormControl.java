package dev.incidentbot.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a storm from flooding Slack: at most one post per alert group per window. The first change of a quiet
 * group goes out at once; changes inside the window are merged into one {@link GroupDigest} posted when it ends.
 *
 * <p>Pending digests live in memory for at most one window (the alerts themselves are already stored); on close
 * they are delivered at once, and when the process dies with them {@link DigestRecovery} posts them from the store.
 */
public final class StormControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StormControl.class);
    private static final int PRUNE_ABOVE = 10_000;

    private final long windowNanos;
    private final Consumer<GroupDigest> sink;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alert-storm");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Slot> slots = new HashMap<>();

    /** One group's posting state; guarded by the StormControl's monitor. */
    private static final class Slot {
        boolean posted;
        long lastPost;
        GroupDigest pending;
        boolean scheduled;
    }

    public StormControl(Duration window, Consumer<GroupDigest> sink) {
        this.windowNanos = window.toNanos();
        this.sink = sink;
    }

    public void submit(GroupDigest digest) {
        GroupDigest now = null;
        // Rate limiting measures elapsed time, not domain time: a monotonic clock is the right one here.
        long t = System.nanoTime();
        synchronized (this) {
            if (slots.size() > PRUNE_ABOVE) {
                slots.values().removeIf(s -> s.pending == null && !s.scheduled && t - s.lastPost > windowNanos);
            }
            Slot s = slots.computeIfAbsent(digest.key(), k -> new Slot());
            if (s.pending == null && !s.scheduled && (!s.posted || t - s.lastPost >= windowNanos)) {
                s.posted = true;
                s.lastPost = t;
                now = digest;
            } else {
                s.pending = s.pending == null ? digest : s.pending.merge(digest);
                if (!s.scheduled) {
                    s.scheduled = true;
                    long delay = Math.max(0, s.lastPost + windowNanos - t);
                    try {
                        timer.schedule(() -> flush(digest.key()), delay, TimeUnit.NANOSECONDS);
                    } catch (RejectedExecutionException e) {
                        s.scheduled = false; // closing: close() delivers what is pending
                    }
                }
            }
        }
        if (now != null) {
            deliver(now);
        }
    }

    private void flush(String key) {
        GroupDigest d;
        synchronized (this) {
            Slot s = slots.get(key);
            if (s == null) {
                return;
            }
            d = s.pending;
            s.pending = null;
            s.scheduled = false;
            s.lastPost = System.nanoTime();
        }
        if (d != null) {
            deliver(d);
        }
    }

    private void deliver(GroupDigest d) {
        try {
            sink.accept(d);
        } catch (RuntimeException e) {
            log.error("could not post the alert digest for group {} of {}", d.groupKey(), d.source(), e);
        }
    }

    /** Digests waiting for their window to end (for tests and metrics). */
    public synchronized int pending() {
        return (int) slots.values().stream().filter(s -> s.pending != null).count();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        List<GroupDigest> left = new ArrayList<>();
        synchronized (this) {
            for (Slot s : slots.values()) {
                if (s.pending != null) {
                    left.add(s.pending);
                    s.pending = null;
                }
            }
        }
        left.forEach(this::deliver);
    }
}
