package dev.incidentbot.analysis.tuning;

import dev.incidentbot.analysis.cause.ContrastPasses;
import dev.incidentbot.analysis.cause.GroupBuckets;
import dev.incidentbot.analysis.cause.LatencyGroups;
import dev.incidentbot.analysis.changepoint.ChangePoint;
import dev.incidentbot.analysis.changepoint.Halves;
import dev.incidentbot.analysis.changepoint.LatencyBins;
import dev.incidentbot.analysis.changepoint.TimeBuckets;
import dev.incidentbot.analysis.input.Columns;
import dev.incidentbot.analysis.input.Values;

/**
 * Gets the analysis's row and table loops compiled before the analysis, by calling them many times on a few
 * made-up rows while the parse runs.
 *
 * <p>Called once on all 2M rows, each loop ran interpreted for ~60,000 iterations until its on-stack compile, and a
 * method entered through such a compile runs its later calls in C1's profiled tier (C2 is excluded): ~30 ms of the
 * first run's change point, contrast, root cause and onset. Called a few thousand times on a few rows, a method is
 * compiled in the profiled tier, then, once C2 refuses it, in plain C1, so the real call runs plain C1 code from its
 * first row. Few rows, so that few loops get on-stack compiles of their own (more work for the C1 queue the parser
 * uses). The loops write only to the arrays made up here.
 */
final class Warmup {
    /**
     * Calls per method: C2 is asked (and refuses) after ~650 calls of ROWS rows, more while C2 is busy (its queue's
     * length raises the thresholds), and the plain C1 compile follows a policy check later; in the bench every
     * method had its plain C1 code within ~1,500 calls (-XX:+PrintCompilation). ~3 ms of CPU.
     */
    static final int CALLS = 2000;
    /** Rows per call: enough that the calls, not the loops' back-edges, trigger the compiles. */
    private static final int ROWS = 24;
    /** Calls between short pauses, which leave the compiler queues time to act on the counters. */
    private static final int BATCH = 200;
    /** Set when the analysis starts: from then on the loops run for real. */
    private static volatile boolean stop;

    private Warmup() {
    }

    /**
     * Runs ComboTables' passes, their merges and marginals, the onset's group pass, bin percentiles and the change
     * point's score CALLS times each, until the analysis starts.
     */
    static void loops() {
        run(CALLS, () -> stop);
    }

    /** Up to calls rounds of the loops, fewer once stopped says so; returns the rounds run. */
    static int run(int calls, java.util.function.BooleanSupplier stopped) {
        int[][] dims = new int[1][ROWS];
        long[] time = new long[ROWS];
        int[] latency = new int[ROWS];
        byte[] outcome = new byte[ROWS];
        char[] bin = new char[ROWS];
        for (int r = 0; r < ROWS; r++) {
            dims[0][r] = r & 1;
            time[r] = r * 1000L;
            latency[r] = r == 3 ? -1 : 1000 * r;
            outcome[r] = r == 5 ? Values.ERROR : r == 6 ? Values.TIMEOUT : Values.OK;
            bin[r] = (char) r;
        }
        int[] mult = {1};
        int[] combo = new int[ROWS];
        byte[] cls = new byte[ROWS];
        LatencyGroups lg = new LatencyGroups(2, ROWS);
        LatencyGroups other = new LatencyGroups(2, ROWS);
        int[] limit = {3000, 5000};
        int[] classes = new int[2 * ContrastPasses.CLASSES];
        int[] few = new int[ROWS];
        int[] ones = new int[ROWS];
        java.util.Arrays.fill(ones, 1);
        double[] series = new double[ROWS];
        for (int r = 0; r < ROWS; r++) {
            series[r] = r == 2 ? Double.NaN : r % 5;
        }
        Columns c = new Columns(ROWS, time, latency, outcome, dims, java.util.List.of("a"), new String[][] {{"0", "1"}},
                1);
        byte[] match = {0, 1};
        int[] map = {1, 0};
        TimeBuckets tb = new TimeBuckets(new long[] {0, 12_000, 2}, ROWS, true);
        int i = 0;
        for (; i < calls && !stopped.getAsBoolean(); i++) {
            lg.countCombos(dims, mult, combo, time, 8000, 20_000, cls, latency, bin, 0, ROWS);
            ContrastPasses.classify(combo, limit, latency, outcome, cls, classes, 0, ROWS);
            GroupBuckets.pass(c, bin, cls, combo, match, null, tb, 0, ROWS);
            lg.add(other);
            lg.marginal(map, 2).count(1);
            Halves.sum(few, few);
            // percentiles and the change point's score: per group and per bucket, over hundreds of values each
            LatencyBins.percentile(ones, 0, ROWS, 0.95);
            ChangePoint.t(series, ROWS / 2, 0.1);
            if (i % BATCH == BATCH - 1) {
                pause();
            }
        }
        return i;
    }

    /** The analysis starts: a warm-up still running ends at its next call. */
    static void stop() {
        stop = true;
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
