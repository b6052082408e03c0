package dev.incidentbot.analysis.cause;

/** Open addressing from a long key to a dense index (0, 1, 2, ... in order of first sight). */
final class LongIndex {
    private long[] keys;
    private int[] vals;
    private int size;

    LongIndex(int capacity) {
        keys = new long[capacity];
        vals = new int[capacity];
        java.util.Arrays.fill(vals, -1);
    }

    /** The key's index, or next (and the key stored under it) when it is new. */
    int indexOf(long key, int next) {
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (vals[i] >= 0) {
            if (keys[i] == key) {
                return vals[i];
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        vals[i] = next;
        if (++size * 2 > keys.length) {
            grow();
        }
        return next;
    }

    private void grow() {
        long[] ok = keys;
        int[] ov = vals;
        keys = new long[ok.length * 2];
        vals = new int[ok.length * 2];
        java.util.Arrays.fill(vals, -1);
        int mask = keys.length - 1;
        for (int j = 0; j < ok.length; j++) {
            if (ov[j] >= 0) {
                int i = (int) (mix(ok[j]) & mask);
                while (vals[i] >= 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = ok[j];
                vals[i] = ov[j];
            }
        }
    }

    private static long mix(long x) {
        x *= 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 29);
    }
}
