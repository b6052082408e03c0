package dev.incidentbot.analysis.input;

/**
 * A pass over every row that a parallel parse folds in, each parse thread adding the chunks it read while their
 * columns are in cache: the change point's whole-log pass (changepoint.WholeLog) reaches the parse through this
 * port, so the reader knows nothing of the stages after it.
 */
public interface RowFold {
    /** The accumulators of one parse thread. */
    Part part();

    /** Called when every row's latency bin is in bin, in the columns' order; without it the fold is unused. */
    void binned(char[] bin);

    /** One parse thread's share of the fold. */
    interface Part {
        /** Adds rows [0, n) of a chunk's columns and sets their latency bins in bin (as long as the columns). */
        void add(long[] time, int[] latency, byte[] outcome, char[] bin, int n);
    }
}
