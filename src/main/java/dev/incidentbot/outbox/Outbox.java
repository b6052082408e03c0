package dev.incidentbot.outbox;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox table holds: every outbound call (Slack posts and uploads, pages, mail, tickets, and the
 * analyses alerts ask for) is written there in the transaction of the change it reports, and sent from here by the
 * {@link Deliverer} registered for its kind, one lane (thread) per kind, so kinds never block each other. Within a kind, an incident's rows go in the order
 * they were written: a row is due only when it is the oldest unsent row of its incident.
 *
 * <p>Replicas share the table. A sender claims due rows ({@code SELECT … FOR UPDATE SKIP LOCKED}, then
 * {@code claimed_by}/{@code claimed_until}), renews the claim just before each call and marks the row sent only while
 * it still holds it, so live senders never send a row twice. A sender that dies holding a claim leaves it to the
 * others once its lease ({@code lease}, default 60 s) runs out.
 *
 * <p>What remains: a sender that dies after the far side accepted a call but before its mark committed leaves the row
 * unsent, and another sender takes the row once the lease has expired, with {@code orphaned} set on it. Slack's
 * {@code chat.postMessage} takes no idempotency key, so the Slack deliverer tags each post with its row in the
 * message metadata and, for an orphaned row, looks for that tag before posting again; file uploads carry no metadata
 * and can repeat once per crash, as can mail and tickets; PagerDuty's Events API v2 de-duplicates on the incident's {@code dedup_key}, so a repeated page is
 * harmless there. A sender that outlives its lease in one call (longer than {@code lease}) may be overtaken; calls are
 * bounded by their HTTP timeouts and retries well below the lease.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** How long a claim holds, and how quickly a dead replica's rows are taken over. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
    /** How often each lane looks for rows no wake announced (another replica's, expired leases, due retries). */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final String replica;
    private final Duration lease;
    private final Duration poll;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private volatile boolean started;

    public Outbox(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, newReplicaId(), DEFAULT_LEASE, DEFAULT_POLL);
    }

    public Outbox(Jdbi jdbi, Clock clock, String replicaId, Duration lease, Duration poll) {
        if (replicaId.length() > 64) {
            throw new IllegalArgumentException("replica id longer than the claimed_by column: " + replicaId);
        }
        this.jdbi = jdbi;
        this.clock = clock;
        this.replica = replicaId;
        this.lease = lease;
        this.poll = poll;
    }

    /** host:pid:random, so two processes on one host, or a restarted one, never share an id. */
    public static String newReplicaId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown";
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String id = host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":" + HexFormat.of().formatHex(random);
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }

    /** Registers the sender of one kind; call before {@link #start()}. */
    public Outbox register(Deliverer deliverer, RetryPolicy retry) {
        Lane lane = new Lane(jdbi, deliverer, retry, clock, replica, lease);
        if (lanes.putIfAbsent(deliverer.kind(), lane) != null) {
            throw new IllegalStateException("a deliverer for " + deliverer.kind() + " is already registered");
        }
        if (started) {
            lane.start(poll);
        }
        return this;
    }

    public String replicaId() {
        return replica;
    }

    /** Starts every lane; each first re-drives whatever an earlier run (of any replica) left unsent. */
    public void start() {
        start(false);
    }

    /**
     * As {@link #start()}; with {@code onlySender} (a store only this process can open, H2's file) every claim left
     * in the table is stale, from this process's own previous run: they are given back at once, marked orphaned so a
     * post that may have gone out is looked for first, instead of waiting out their leases (up to a minute of
     * silence after every restart).
     */
    public void start(boolean onlySender) {
        if (onlySender) {
            int released = jdbi.withExtension(OutboxRows.class, OutboxRows::releaseStale);
            if (released > 0) {
                log.info("outbox: {} claim(s) left by the previous run given back", released);
            }
        }
        int pending = pending();
        if (pending > 0) {
            log.info("outbox: {} unsent row(s) from before this start", pending);
        }
        started = true;
        lanes.values().forEach(l -> l.start(poll));
    }

    /**
     * Wakes every lane: call after committing rows so they go now rather than on the next poll. Before {@link #start}
     * it does nothing: rows wait for the start's first drain, so a start that gives back stale claims never takes one
     * from a send of this very process.
     */
    public void wake() {
        if (!started) {
            return;
        }
        lanes.values().forEach(Lane::wake);
    }

    /** Wakes the lanes once {@code handle}'s transaction commits (nothing to send if it rolls back). */
    public void wakeAfterCommit(Handle handle) {
        if (handle.isInTransaction()) {
            handle.afterCommit(this::wake);
        } else {
            wake();
        }
    }

    /** Unsent rows of every kind, of every replica. */
    public int pending() {
        return jdbi.withExtension(OutboxRows.class, OutboxRows::countUnsent);
    }

    public int pending(String kind) {
        return jdbi.withExtension(OutboxRows.class, r -> r.countUnsent(kind));
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

    List<String> kinds() {
        return List.copyOf(lanes.keySet());
    }

    /** Stops the lanes (a call in flight finishes and is marked) and gives back unused claims to other replicas. */
    @Override
    public void close() {
        // Every lane stops taking work at once, then all get the same 5 s, not 5 s each one after the other.
        lanes.values().forEach(Lane::shutdown);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean idle = true;
        for (Lane lane : lanes.values()) {
            idle &= lane.awaitStopped(deadline);
        }
        if (!idle) {
            return; // a call still in flight keeps its claim: releasing it could let another replica send it too
        }
        try {
            int released = jdbi.withExtension(OutboxRows.class, r -> r.releaseAll(replica));
            if (released > 0) {
                log.info("outbox: released {} claimed row(s) for other replicas", released);
            }
        } catch (RuntimeException e) {
            // the store may already be gone; the leases run out on their own
            log.debug("outbox: could not release claims at stop: {}", e.getMessage());
        }
    }
}
