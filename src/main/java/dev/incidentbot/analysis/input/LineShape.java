package dev.incidentbot.analysis.input;

/**
 * The layout of the last flat NDJSON record a builder read (the bytes between its values, and which values are
 * quoted), so that a record laid out the same way, as nearly every line of an API log is, is read by comparing
 * those bytes a word at a time and scanning only the values.
 *
 * <p>When every byte between the values equals the learnt record's, the record tokenizes exactly as it did, so
 * each value goes to the same field FlatJson would have sent it to: a string ends at its first quote (a backslash
 * sends the record to FlatJson), a bare value at its first ',', '}' or space, and a bare value starting with 'n'
 * (null) carries nothing, as there. Anything else is a miss and FlatJson reads the record.
 */
final class LineShape {
    /** The record is not laid out like the learnt one (or nothing is learnt yet). */
    static final int MISS = -4;
    private static final int MAX_FIELDS = 64;
    private static final int MAX_TEXT = 2048;

    private final byte[][] keys;
    private final byte[] text = new byte[MAX_TEXT];
    /** Piece i (the bytes before value i; piece n ends the record) is text[start[i], start[i + 1]). */
    private final int[] start = new int[MAX_FIELDS + 2];
    private final boolean[] quoted = new boolean[MAX_FIELDS];
    /** The analysed field each value goes to, or -1. */
    private final int[] field = new int[MAX_FIELDS];
    /** Values in the learnt record, -1 when nothing usable is learnt. */
    private int n = -1;

    private LineShape(byte[][] keys) {
        this.keys = keys;
    }

    /**
     * A shape for records whose analysed field i is named keys[i] (UTF-8, null when the role has no field), or null
     * when two names are the same: KeyMatcher then decides by the order it met them in, which a shape cannot.
     */
    static LineShape forKeys(byte[][] keys) {
        for (int i = 0; i < keys.length; i++) {
            for (int j = 0; j < i; j++) {
                if (keys[i] != null && keys[j] != null && java.util.Arrays.equals(keys[i], keys[j])) {
                    return null;
                }
            }
        }
        return new LineShape(keys);
    }

    /**
     * Reads the record starting at b[p] ('{') into the builder when it is laid out like the learnt one; returns the
     * position after its '}', or MISS, in which case the builder may hold part of the record.
     */
    int read(byte[] b, int p, int lim, ColumnBuilder sink) {
        int nv = n;
        if (nv < 0) {
            return MISS;
        }
        byte[] t = text;
        int[] st = start;
        for (int i = 0; i < nv; i++) {
            int len = st[i + 1] - st[i];
            if (lim - p <= len || !Bytes.same(t, st[i], b, p, len)) {
                return MISS;
            }
            p += len;
            int vs = p;
            if (quoted[i]) {
                p = Bytes.quoteOrEscape(b, p, lim);
                if (p >= lim || b[p] != '"') {
                    return MISS;
                }
            } else {
                byte c = b[p];
                if (c == '"' || c == '{' || c == '[') {
                    return MISS;
                }
                while (p < lim && (c = b[p]) != ',' && c != '}' && c > ' ') {
                    p++;
                }
                if (p >= lim || p == vs) {
                    return MISS;
                }
                if (b[vs] == 'n') {
                    continue; // null: FlatJson reports nothing either
                }
            }
            int k = field[i];
            if (k >= 0) {
                sink.accept(k, b, vs, p);
            }
        }
        int len = st[nv + 1] - st[nv];
        if (lim - p < len || !Bytes.same(t, st[nv], b, p, len)) {
            return MISS;
        }
        return p + len;
    }

    /** Learns the layout of b[s, e), a record FlatJson has just read whole (so it is flat and free of escapes). */
    void learn(byte[] b, int s, int e) {
        n = -1;
        int nv = 0;
        int used = 0;
        int p = s + 1;
        int pieceFrom = s;
        while (true) {
            p = space(b, p, e);
            if (b[p] == '}') {
                break;
            }
            int ks = ++p;
            while (b[p] != '"') {
                p++;
            }
            int ke = p++;
            p = space(b, space(b, p, e) + 1, e); // past ':'
            boolean q = b[p] == '"';
            int vs = q ? p + 1 : p;
            int ve = vs;
            if (q) {
                while (b[ve] != '"') {
                    ve++;
                }
            } else {
                while (b[ve] != ',' && b[ve] != '}' && b[ve] > ' ') {
                    ve++;
                }
            }
            if (nv == MAX_FIELDS || used + vs - pieceFrom > MAX_TEXT) {
                return;
            }
            start[nv] = used;
            System.arraycopy(b, pieceFrom, text, used, vs - pieceFrom);
            used += vs - pieceFrom;
            quoted[nv] = q;
            field[nv] = fieldOf(b, ks, ke);
            nv++;
            pieceFrom = ve;
            p = space(b, q ? ve + 1 : ve, e);
            if (b[p] == '}') {
                break;
            }
            p++; // ','
        }
        if (used + e - pieceFrom > MAX_TEXT) {
            return;
        }
        start[nv] = used;
        System.arraycopy(b, pieceFrom, text, used, e - pieceFrom);
        start[nv + 1] = used + e - pieceFrom;
        n = nv;
    }

    private static int space(byte[] b, int p, int e) {
        while (p < e && b[p] <= ' ') {
            p++;
        }
        return p;
    }

    private int fieldOf(byte[] b, int ks, int ke) {
        for (int i = 0; i < keys.length; i++) {
            byte[] k = keys[i];
            if (k != null && k.length == ke - ks && Bytes.same(k, 0, b, ks, k.length)) {
                return i;
            }
        }
        return -1;
    }
}
