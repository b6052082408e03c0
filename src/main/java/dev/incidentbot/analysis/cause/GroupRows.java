package dev.incidentbot.analysis.cause;

import java.util.Arrays;

/**
 * The rows of one group that take part in the comparison (not excluded): by value combination (ComboTables: the
 * rows' combination codes and which combinations belong to the group, so nothing per row is built) or as a byte
 * per row (DimensionTables), computed once, so the passes over a chosen group test an array entry instead of
 * calling a matcher per row, which the analyzer's C1-compiled loops cannot inline.
 */
final class GroupRows {
    private final int[] ds;
    private final int[] codes;
    /** By row mask: 1 when the row matches every (dimension, code) and is not excluded, else 0; else null. */
    final byte[] in;
    /** By combination: per row its combination code, and per combination 1 when it is the group's; else null. */
    final int[] key;
    final byte[] match;

    private GroupRows(int[] ds, int[] codes, byte[] in, int[] key, byte[] match) {
        this.ds = ds.clone();
        this.codes = codes.clone();
        this.in = in;
        this.key = key;
        this.match = match;
    }

    static GroupRows of(int[][] dims, byte[] cls, int n, int[] ds, int[] codes) {
        byte[] in = new byte[n];
        for (int r = 0; r < n; r++) {
            in[r] = (byte) (cls[r] != Contrast.EXCLUDED ? 1 : 0);
        }
        for (int i = 0; i < ds.length; i++) {
            int[] col = dims[ds[i]];
            int c = codes[i];
            for (int r = 0; r < n; r++) {
                if (col[r] != c) {
                    in[r] = 0;
                }
            }
        }
        return new GroupRows(ds, codes, in, null, null);
    }

    /** The rows whose combination (ComboTables) is marked in match, not excluded. */
    static GroupRows of(int[] combo, byte[] match, int[] ds, int[] codes) {
        return new GroupRows(ds, codes, null, combo, match);
    }

    /** The rows as a byte per row (built here for a group by combination): for small logs' passes. */
    byte[] mask(byte[] cls, int n) {
        if (in != null) {
            return in;
        }
        byte[] m = new byte[n];
        for (int r = 0; r < n; r++) {
            m[r] = cls[r] != Contrast.EXCLUDED ? match[key[r]] : 0;
        }
        return m;
    }

    boolean isFor(int[] otherDs, int[] otherCodes) {
        return Arrays.equals(ds, otherDs) && Arrays.equals(codes, otherCodes);
    }
}
