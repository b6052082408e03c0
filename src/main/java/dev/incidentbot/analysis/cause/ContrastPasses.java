package dev.incidentbot.analysis.cause;

import dev.incidentbot.analysis.input.Values;

/**
 * The row loops behind Contrast, one column at a time over int and byte arrays (what C1 compiles best): each
 * loop is a few array operations per row with no calls, and the same few methods serve every dimension, so they
 * are compiled once. A request's class is a byte of Contrast's flags; per group the passes count classes
 * ({@code out[code * CLASSES + class]++}) and Contrast turns those into its counts at the end.
 */
public final class ContrastPasses {
    /** Distinct class bytes: INCIDENT, BAD, FAILED, TIMEOUT combined, or EXCLUDED alone. */
    public static final int CLASSES = 32;
    /** Set while classifying when some dimension of the row has its own slow threshold. */
    private static final int OWN_THRESHOLD = 32;

    private ContrastPasses() {
    }

    /** Marks rows [from, to) baseline (0), incident or excluded by their time. */
    static void windows(long[] time, byte[] cls, long start, long end, int from, int to) {
        for (int r = from; r < to; r++) {
            long t = time[r];
            cls[r] = (byte) (t >= end ? Contrast.EXCLUDED : t >= start ? Contrast.INCIDENT : 0);
        }
    }

    /**
     * Marks BAD the rows slower than their value's threshold in one dimension (the lowest threshold of all the
     * row's dimensions decides, so being above any one is enough) and notes that the row has an own threshold.
     */
    static void slow(int[] col, int[] thr, int[] latency, byte[] cls, int from, int to) {
        for (int r = from; r < to; r++) {
            int k = cls[r];
            int t = thr[col[r]];
            if (k == Contrast.EXCLUDED || t == Integer.MAX_VALUE) {
                continue;
            }
            k |= OWN_THRESHOLD;
            if (latency[r] > t) {
                k |= Contrast.BAD;
            }
            cls[r] = (byte) k;
        }
    }

    /** Completes the classes: the global threshold where no dimension had one, then failures and timeouts. */
    static void finish(int[] latency, byte[] outcome, byte[] cls, int global, int from, int to) {
        for (int r = from; r < to; r++) {
            int k = cls[r];
            if (k == Contrast.EXCLUDED) {
                continue;
            }
            if ((k & OWN_THRESHOLD) == 0 && latency[r] > global) {
                k |= Contrast.BAD;
            }
            byte o = outcome[r];
            if (o == Values.TIMEOUT) {
                k |= Contrast.FAILED | Contrast.TIMEOUT | Contrast.BAD;
            } else if (o == Values.ERROR) {
                k |= Contrast.FAILED | Contrast.BAD;
            }
            cls[r] = (byte) (k & ~OWN_THRESHOLD);
        }
    }

    /**
     * Classifies rows [from, to) against their combination's slow threshold (limit) and their outcome, and counts
     * the classes per combination: finish() and classes() in one loop for ComboTables.
     */
    public static void classify(int[] combo, int[] limit, int[] latency, byte[] outcome, byte[] cls, int[] out,
                                int from, int to) {
        for (int r = from; r < to; r++) {
            int k = cls[r];
            if (k == Contrast.EXCLUDED) {
                continue;
            }
            int g = combo[r];
            if (latency[r] > limit[g]) {
                k |= Contrast.BAD;
            }
            byte o = outcome[r];
            if (o == Values.TIMEOUT) {
                k |= Contrast.FAILED | Contrast.TIMEOUT | Contrast.BAD;
            } else if (o == Values.ERROR) {
                k |= Contrast.FAILED | Contrast.BAD;
            }
            cls[r] = (byte) k;
            out[g * CLASSES + k]++;
        }
    }

    /** Counts the classes of rows [from, to) per code of the column. */
    static void classes(int[] col, byte[] cls, int[] out, int from, int to) {
        for (int r = from; r < to; r++) {
            out[col[r] * CLASSES + cls[r]]++;
        }
    }

    /** As {@link #classes(int[], byte[], int[], int, int)} for the rows marked in the mask only. */
    static void classes(byte[] mask, int[] col, byte[] cls, int[] out, int from, int to) {
        for (int r = from; r < to; r++) {
            if (mask[r] != 0) {
                out[col[r] * CLASSES + cls[r]]++;
            }
        }
    }

    /** Counts the classes of rows [from, to), code 1 for rows marked in the mask, else 0. */
    static void classes(byte[] mask, byte[] cls, int[] out, int from, int to) {
        for (int r = from; r < to; r++) {
            out[mask[r] * CLASSES + cls[r]]++;
        }
    }

    /** Per code, Contrast's counts (NB .. TOI) from class counts; excluded rows are left out. */
    static long[][] counts(int[] classes, int codes) {
        long[][] out = new long[codes][Contrast.K];
        for (int v = 0; v < codes; v++) {
            for (int cl = 0; cl < Contrast.EXCLUDED; cl++) {
                int k = classes[v * CLASSES + cl];
                if (k != 0) {
                    add(out[v], cl, k);
                }
            }
        }
        return out;
    }

    /** Adds times requests of class cl to the counts. */
    static void add(long[] k, int cl, long times) {
        boolean inc = (cl & Contrast.INCIDENT) != 0;
        int base = inc ? Contrast.NI : Contrast.NB;
        k[base] += times;
        k[base + 1] += (cl & Contrast.BAD) != 0 ? times : 0;
        k[base + 2] += (cl & Contrast.FAILED) != 0 ? times : 0;
        k[Contrast.TOI] += inc && (cl & Contrast.TIMEOUT) != 0 ? times : 0;
    }
}
