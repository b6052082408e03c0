package dev.incidentbot.analysis.changepoint;

import java.util.concurrent.ForkJoinPool;

/**
 * Runs a pass over rows [0, n) as two halves, the second on the common pool while the caller runs the first, so
 * the analysis uses both cores; each half writes only to its own accumulators (part 0 or 1), which keeps the merge
 * order, and so the result, the same whichever thread ran which half.
 */
public final class Halves {
    /** Below this many rows a second thread costs more than it saves (tests move it to compare both ways). */
    public static int parallelRows = 200_000;

    /** One pass over rows [from, to) into the accumulators of the given part (0 or 1). */
    public interface Pass {
        void run(int part, int from, int to);
    }

    private Halves() {
    }

    /** Number of parts a pass over n rows is split into: 2 for large inputs on a multi-core machine, else 1. */
    public static int parts(int n) {
        return n >= parallelRows && Runtime.getRuntime().availableProcessors() >= 2
                && ForkJoinPool.getCommonPoolParallelism() >= 1 ? 2 : 1;
    }

    /**
     * Adds the second part's counts into the first (same length). One method for every merge of parts (the
     * buckets' bins, the contrast's tables), so it is compiled once.
     */
    public static void sum(int[] into, int[] other) {
        for (int i = 0; i < into.length; i++) {
            into[i] += other[i];
        }
    }

    /**
     * Runs the pass on every part of [0, n) and returns when all are done. A half the pool has not started by
     * the time the caller is free is run by the caller, so a busy pool never makes the analysis wait.
     */
    public static void run(int n, Pass pass) {
        if (parts(n) == 1) {
            pass.run(0, 0, n);
            return;
        }
        int mid = n / 2;
        Claim second = new Claim(pass, mid, n);
        ForkJoinPool.commonPool().execute(second::runIfUnclaimed);
        pass.run(0, 0, mid);
        second.runIfUnclaimed();
        second.await();
    }

    /** The second half: run exactly once, by whichever thread claims it first. */
    private static final class Claim {
        private final Pass pass;
        private final int from;
        private final int to;
        private boolean claimed;
        private boolean done;
        private Throwable failure;

        Claim(Pass pass, int from, int to) {
            this.pass = pass;
            this.from = from;
            this.to = to;
        }

        void runIfUnclaimed() {
            synchronized (this) {
                if (claimed) {
                    return;
                }
                claimed = true;
            }
            Throwable t = null;
            try {
                pass.run(1, from, to);
            } catch (RuntimeException | Error e) {
                t = e;
            }
            synchronized (this) {
                failure = t;
                done = true;
                notifyAll();
            }
        }

        synchronized void await() {
            boolean interrupted = false;
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the half must finish: its accumulators are read next
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }
}
