package dev.incidentbot.analysis.input;

/**
 * A direct-mapped cache from short byte ranges to the codes they were given, in front of a ByteDict.
 *
 * <p>Dimension and outcome values come from a handful of strings repeated on every line; a slot chosen from the
 * length and three of the bytes, then one comparison, is much cheaper than hashing every byte and probing the
 * dictionary (that was about a fifth of the parse, profiled on the 2M bench). A miss, or a value longer than a
 * slot, falls back to the dictionary and takes the slot over.
 */
final class ValueCache {
    private static final int SLOTS = 64;
    private static final int WIDTH = 32;

    private final byte[] bytes = new byte[SLOTS * WIDTH];
    private final int[] lengths = new int[SLOTS];
    private final int[] codes = new int[SLOTS];

    ValueCache() {
        java.util.Arrays.fill(lengths, -1);
    }

    private static int slot(byte[] b, int s, int e) {
        int len = e - s;
        if (len == 0) {
            return 0;
        }
        return (len * 7 + b[s] * 3 + b[e - 1] * 31 + b[s + (len >> 1)] * 5) & (SLOTS - 1);
    }

    /** The cached code of the bytes, or -1 when they are not cached. */
    int get(byte[] b, int s, int e) {
        int i = slot(b, s, e);
        int len = e - s;
        if (lengths[i] != len) {
            return -1;
        }
        return Bytes.same(bytes, i * WIDTH, b, s, len) ? codes[i] : -1;
    }

    /** Remembers the code of the bytes, replacing whatever shared their slot. */
    void put(byte[] b, int s, int e, int code) {
        int len = e - s;
        if (len > WIDTH) {
            return;
        }
        int i = slot(b, s, e);
        System.arraycopy(b, s, bytes, i * WIDTH, len);
        lengths[i] = len;
        codes[i] = code;
    }
}
