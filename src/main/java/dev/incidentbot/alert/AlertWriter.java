package dev.incidentbot.alert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert store's single writer with group commit: deliveries are applied one at a time, in arrival order, on one
 * long-lived Jdbi handle, and deliveries that arrive while another commits share the next transaction.
 *
 * <p>One writer, so concurrent deliveries of a group cannot declare twice and Jdbi's per-handle set-up is paid once.
 * Group commit, because H2 writes its pages at every commit (the store runs with {@code WRITE_DELAY 0}, so a
 * {@code kill -9} never loses an acknowledged alert): with one alert per delivery, a commit each was almost half of
 * the CPU per alert. A delivery is still acknowledged only after the transaction holding it committed.
 *
 * <p>No leader thread: whoever holds the writer applies everything queued so far; the others find their work done when
 * they get the writer. Should one job fail, the batch is rolled back and its jobs are re-applied one per transaction,
 * so a bad delivery fails alone and the others are stored.
 */
final class AlertWriter<J extends AlertWriter.Job> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertWriter.class);
    private static final long IDLE_HANDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Bounds one transaction, and with it the wait of the delivery that arrived first. */
    static final int MAX_BATCH = 64;

    /** One unit of work; its reads and writes happen in {@link Batch#apply}, its follow-up after the commit. */
    interface Job {
        /** Runs after the transaction committed, still holding the writer (posts, declares, resolves). */
        void afterCommit();

        /**
         * Whether, as decided in the running transaction, this job needs the other replicas' writers kept out (it
         * declares, resolves, or its group has no open incident yet). Jobs that do not need it rely on the store's
         * unique constraints instead: two replicas writing the same alert collide there, and the loser's batch is
         * re-applied.
         */
        default boolean needsReplicaLock() {
            return true;
        }
    }

    /** Rolls a batch back that turned out to need the replicas' lock; it is run again holding it. */
    private static final class NeedsReplicaLock extends RuntimeException {
        NeedsReplicaLock() {
            super("the batch needs the replicas' lock", null, false, false);
        }
    }

    /** Applies queued jobs inside one transaction. */
    interface Batch<J extends Job> {
        /**
         * Reads, decides and writes for the longest prefix of {@code jobs} it can, in order, and returns how many it
         * applied (at least one). A job whose follow-up needs the writer alone (declaring or resolving an incident) must
         * be the last one applied, so nothing queued behind it decides on a state it is about to change. It may run
         * again after a rollback, so it must not change anything outside the transaction.
         */
        int apply(AlertRepository repo, List<J> jobs);
    }

    /** A queued job and how it ended. */
    private static final class Entry<J> {
        final J job;
        boolean done; // guarded by lock
        RuntimeException failure; // guarded by lock
        boolean alone; // guarded by lock: apply it in a transaction of its own

        Entry(J job) {
            this.job = job;
        }
    }

    private final Jdbi jdbi;
    private final Batch<J> batchWork;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ArrayDeque<Entry<J>> queue = new ArrayDeque<>(); // guarded by itself
    private Handle handle; // guarded by lock
    private AlertRepository repo; // attached to handle
    private Boolean shared; // guarded by lock: whether the store is PostgreSQL, once a connection told
    private long handleUsed; // System.nanoTime of the last use
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();

    AlertWriter(Jdbi jdbi, Batch<J> batchWork) {
        this.jdbi = jdbi;
        this.batchWork = batchWork;
    }

    /**
     * Applies the jobs in order, sharing transactions with whatever else is queued, and returns once all of them
     * committed and ran their follow-up. The first failure is thrown after every job of the call has ended.
     */
    void apply(List<J> work) {
        List<Entry<J>> mine = new ArrayList<>(work.size());
        synchronized (queue) {
            for (J j : work) {
                Entry<J> e = new Entry<>(j);
                mine.add(e);
                queue.add(e);
            }
        }
        RuntimeException failure = null;
        lock.lock();
        try {
            while (!mine.get(mine.size() - 1).done) {
                runBatch();
            }
            for (Entry<J> e : mine) {
                if (e.failure != null && failure == null) {
                    failure = e.failure;
                }
            }
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Runs work in a transaction of its own on the writer's handle (given too, for listeners that write their own rows
     * in it); the caller must be inside a job's follow-up.
     */
    <T> T inTransaction(BiFunction<Handle, AlertRepository, T> work) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("the alert writer is not held");
        }
        return transaction(r -> work.apply(handle, r));
    }

    /** Jobs waiting for the writer. */
    int queued() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** Shared transactions committed so far (each job's own follow-up transactions not counted). */
    long transactions() {
        return transactions.get();
    }

    /** Jobs those transactions held: divided by {@link #transactions()}, how much the group commit shares. */
    long jobs() {
        return applied.get();
    }

    /** The advisory lock that makes the replicas' deciding writers one writer on PostgreSQL (an arbitrary, fixed key). */
    private static final long REPLICAS_LOCK = 0x1c1d_e47b_0a1e_47L;

    /**
     * On PostgreSQL a batch first runs without the replicas' lock; only when one of its jobs needs it (a declaration,
     * a resolution, a group without an open incident) is it rolled back and run again holding the lock. So in a storm
     * of alerts joining open incidents the replicas write side by side instead of taking turns.
     */
    private void runBatch() {
        boolean shared = sharedStore();
        if (shared && runBatchHoldingTheWriter(false)) {
            return;
        }
        boolean locked = shared && lockAcrossReplicas();
        try {
            runBatchHoldingTheWriter(true);
        } finally {
            if (locked) {
                unlockAcrossReplicas();
            }
        }
    }

    /**
     * True on PostgreSQL, where other replicas' writers share the store; H2 is one process. Asked of the first
     * connection that answers and kept: the store's kind does not change while the writer lives.
     */
    private boolean sharedStore() {
        if (shared == null) {
            try {
                openHandle();
                shared = handle.getConnection().getMetaData().getURL().startsWith("jdbc:postgresql:");
            } catch (java.sql.SQLException | RuntimeException e) {
                closeHandle(); // the batch's own transaction meets the same failure and reports it per delivery
                return false;
            }
        }
        return shared;
    }

    private void openHandle() {
        if (handle != null && System.nanoTime() - handleUsed > IDLE_HANDLE_NANOS) {
            closeHandle(); // a connection idle for long may have been closed by the server
        }
        if (handle == null) {
            handle = jdbi.open();
            repo = handle.attach(AlertRepository.class);
        }
        handleUsed = System.nanoTime();
    }

    /**
     * On PostgreSQL, other replicas' writers decide on the same groups: a session advisory lock on the writer's
     * connection, held from the decision through the follow-up that declares and stores the group, makes batches that
     * declare, resolve or touch a group without an open incident take turns, so Alertmanager sending one group to two
     * replicas at once opens one incident, not two (the second replica's decision sees the first one's group). Alerts
     * joining an open incident do not wait for it (see {@link #runBatch}). H2 is one process: nothing to share.
     */
    private boolean lockAcrossReplicas() {
        try {
            openHandle(); // as transaction() would, but before the lock is taken on it
            handle.createQuery("SELECT pg_advisory_lock(:k)").bind("k", REPLICAS_LOCK).mapTo(String.class).one();
            return true;
        } catch (RuntimeException e) {
            closeHandle(); // the batch's own transaction will meet the same failure and report it per delivery
            return false;
        }
    }

    private void unlockAcrossReplicas() {
        if (handle == null) {
            return; // the connection was closed after a failure, and the lock with it
        }
        try {
            handle.createQuery("SELECT pg_advisory_unlock(:k)").bind("k", REPLICAS_LOCK).mapTo(Boolean.class).one();
        } catch (RuntimeException e) {
            closeHandle(); // closing the session releases the lock
        }
    }

    /**
     * Runs the queue's next batch; {@code locked} says whether the replicas' lock is held (or not needed). Without it,
     * a batch whose applied jobs need it is rolled back and put back at the head of the queue: false.
     */
    private boolean runBatchHoldingTheWriter(boolean locked) {
        List<Entry<J>> batch = new ArrayList<>();
        synchronized (queue) {
            Entry<J> head = queue.poll();
            batch.add(head);
            while (!head.alone && batch.size() < MAX_BATCH && !queue.isEmpty() && !queue.peek().alone) {
                batch.add(queue.poll());
            }
        }
        int count;
        try {
            List<J> jobs = new ArrayList<>(batch.size());
            for (Entry<J> e : batch) {
                jobs.add(e.job);
            }
            count = transaction(r -> {
                int n = Math.max(1, Math.min(jobs.size(), batchWork.apply(r, jobs)));
                if (!locked && jobs.subList(0, n).stream().anyMatch(Job::needsReplicaLock)) {
                    throw new NeedsReplicaLock();
                }
                return n;
            });
        } catch (NeedsReplicaLock e) {
            requeue(batch, 0, false);
            return false;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                Entry<J> only = batch.get(0);
                only.failure = e;
                only.done = true;
                return true;
            }
            log.debug("a batch of {} alert jobs failed; applying them one by one", batch.size(), e);
            requeue(batch, batch.size(), true);
            return true;
        } catch (Error e) {
            for (Entry<J> x : batch) {
                x.failure = new IllegalStateException("the alert store failed", e);
                x.done = true;
            }
            throw e;
        }
        requeue(batch, count, false);
        transactions.incrementAndGet();
        applied.addAndGet(count);
        for (int i = 0; i < count; i++) {
            Entry<J> e = batch.get(i);
            try {
                e.job.afterCommit();
            } catch (RuntimeException ex) {
                e.failure = ex;
            }
            e.done = true;
        }
        return true;
    }

    /** Puts the batch's jobs from {@code from} back at the head of the queue, in their order. */
    private void requeue(List<Entry<J>> batch, int from, boolean alone) {
        synchronized (queue) {
            for (int i = batch.size() - 1; i >= (alone ? 0 : from); i--) {
                Entry<J> e = batch.get(i);
                e.alone = alone;
                queue.addFirst(e);
            }
        }
    }

    private <T> T transaction(Function<AlertRepository, T> work) {
        openHandle();
        try {
            return handle.inTransaction(h -> work.apply(repo));
        } catch (NeedsReplicaLock e) {
            throw e; // rolled back on purpose: the connection is fine
        } catch (RuntimeException e) {
            closeHandle();
            throw e;
        }
    }

    private void closeHandle() {
        try {
            if (handle != null) {
                handle.close();
            }
        } catch (RuntimeException e) {
            log.debug("closing the alert store handle failed", e);
        } finally {
            handle = null;
            repo = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeHandle();
        } finally {
            lock.unlock();
        }
    }
}
