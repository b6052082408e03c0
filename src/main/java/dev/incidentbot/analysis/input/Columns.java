package dev.incidentbot.analysis.input;

import java.util.List;

/**
 * The parsed log as compact columns: one row per kept record, dimensions dictionary-coded.
 *
 * @param n rows kept (the arrays may be longer: readers go up to n)
 * @param time epoch milliseconds (or record index when the log has no timestamp)
 * @param latency microseconds, or -1 when the record has none
 * @param outcome Values.OK / ERROR / TIMEOUT / UNKNOWN
 * @param dims per dimension, per row, the value code
 * @param dimNames dimension field names
 * @param dimValues per dimension, code to value
 * @param stride each kept row stands for this many records (1 unless the input exceeded the row cap)
 * @param whole the change point's whole-log pass when the parse did it, else null
 */
public record Columns(int n, long[] time, int[] latency, byte[] outcome, int[][] dims, List<String> dimNames,
                      String[][] dimValues, int stride, RowFold whole) {

    /** Columns whose whole-log pass is still to do. */
    public Columns(int n, long[] time, int[] latency, byte[] outcome, int[][] dims, List<String> dimNames,
                   String[][] dimValues, int stride) {
        this(n, time, latency, outcome, dims, dimNames, dimValues, stride, null);
    }
}
