package dev.incidentbot.slack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pool that runs acknowledged Slack work (commands, buttons, shortcuts) off the request thread, and its stop. */
public final class WorkPool {
    private static final Logger log = LoggerFactory.getLogger(WorkPool.class);
    /**
     * The work is mostly waiting on Slack (response_url replies, uploads) and on the store, not on the CPU: with 4
     * threads a burst of declares against a 40 ms response_url ran at ~50/s (bench/replicas.py).
     */
    static final int THREADS = 8;
    /** Bounded: a flood queues up to this many and the rest are told "overloaded" instead of eating memory. */
    static final int QUEUE = 500;

    /** What a stop did with the work it found unfinished: commands answered, other tasks left, tasks cut off. */
    public record Drained(int refused, int dropped, int interrupted) {}

    private WorkPool() {
    }

    public static ThreadPoolExecutor create() {
        return new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "slack-work");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes no more work and lets what is queued and running finish within {@code wait}; then takes every task still
     * queued off the queue, answers each command among them that it never ran ({@link PendingCommand#refuse()}), and
     * gives the ones running {@code grace} more before interrupting them. Queued work that is not a command (a button's
     * re-run, a channel to open) is left with a count in the log: the next start's recovery picks those up.
     */
    public static Drained drain(ThreadPoolExecutor work, Duration wait, Duration grace) throws InterruptedException {
        work.shutdown();
        if (work.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return new Drained(0, 0, 0);
        }
        List<Runnable> unrun = new ArrayList<>();
        work.getQueue().drainTo(unrun); // the running ones go on undisturbed meanwhile
        List<PendingCommand> commands = new ArrayList<>();
        for (Runnable r : unrun) {
            if (r instanceof PendingCommand c) {
                commands.add(c);
            }
        }
        int refused = refuse(commands, grace.multipliedBy(2));
        int dropped = unrun.size() - refused;
        int interrupted = 0;
        if (!work.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            interrupted = work.getActiveCount();
            work.shutdownNow();
        }
        log.warn("stopping: {} queued command(s) told to run again, {} other queued task(s) left to the next start "
                + "(or not told in time), {} running task(s) interrupted", refused, dropped, interrupted);
        return new Drained(refused, dropped, interrupted);
    }

    /**
     * Answers the commands side by side (each is a round trip to Slack, and hundreds may be queued) within
     * {@code within}; returns how many Slack took.
     */
    private static int refuse(List<PendingCommand> commands, Duration within) throws InterruptedException {
        if (commands.isEmpty()) {
            return 0;
        }
        ExecutorService answers = Executors.newFixedThreadPool(Math.min(16, commands.size()), r -> {
            Thread t = new Thread(r, "slack-stop-answer");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger told = new AtomicInteger();
        try {
            for (PendingCommand c : commands) {
                answers.execute(() -> {
                    try {
                        c.refuse();
                        told.incrementAndGet();
                    } catch (RuntimeException e) {
                        // Slack did not take the answer either; counted as not told
                    }
                });
            }
            answers.shutdown();
            answers.awaitTermination(within.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            answers.shutdownNow();
        }
        return told.get();
    }
}
