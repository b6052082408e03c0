package dev.incidentbot.analysis;

import java.util.Arrays;

/**
 * The rows of one group that take part in the comparison (not excluded), a byte per row: computed once, so the
 * passes over a chosen group (breakdown, split, onset series and onset scan) test an array entry instead of
 * calling a matcher per row, which the analyzer's C1-compiled loops cannot inline.
 */
final class GroupRows {
    private final int[] ds;
    private final int[] codes;
    /** 1 when the row matches every (dimension, code) and is not excluded, else 0. */
    final byte[] in;

    private GroupRows(int[] ds, int[] codes, byte[] in) {
        this.ds = ds.clone();
        this.codes = codes.clone();
        this.in = in;
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
        return new GroupRows(ds, codes, in);
    }

    /** The rows whose combination (ComboTables) is marked in match, not excluded. */
    static GroupRows of(int[] combo, byte[] match, byte[] cls, int n, int[] ds, int[] codes) {
        byte[] in = new byte[n];
        for (int r = 0; r < n; r++) {
            in[r] = cls[r] != Contrast.EXCLUDED ? match[combo[r]] : 0;
        }
        return new GroupRows(ds, codes, in);
    }

    boolean isFor(int[] otherDs, int[] otherCodes) {
        return Arrays.equals(ds, otherDs) && Arrays.equals(codes, otherCodes);
    }
}
