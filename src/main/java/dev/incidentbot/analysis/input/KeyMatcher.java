package dev.incidentbot.analysis.input;

import java.util.Arrays;

/**
 * Matches a record's keys to the analysed fields, learning the file's field order from the lines so that the
 * reader can compare the expected key in place instead of scanning it and looking it up (the lookup was about
 * a sixth of the parse, profiled on the 2M bench).
 */
final class KeyMatcher {
    private final byte[][] keys;
    /** keys[i] when it can be matched as raw bytes (no quote or backslash), else null. */
    private final byte[][] plainKeys;
    private int hint;
    /**
     * next[k] is the key that followed key k on the last line (next[keys.length]: the first key of a line), -1
     * when unknown.
     */
    private final int[] next;
    private int prev;

    /** keys[i] is field i's name in UTF-8, or null when that role has no field. */
    KeyMatcher(byte[][] keys) {
        this.keys = keys;
        int nk = keys.length;
        next = new int[nk + 1];
        Arrays.fill(next, -1);
        plainKeys = new byte[nk][];
        for (int i = 0; i < nk; i++) {
            byte[] k = keys[i];
            boolean plain = k != null;
            for (int j = 0; plain && j < k.length; j++) {
                plain = k[j] != '"' && k[j] != '\\';
            }
            plainKeys[i] = plain ? k : null;
        }
    }

    /** A new record starts. */
    void lineStart() {
        prev = keys.length;
    }

    /** The index of the key, or -1 when it is not analysed. */
    int match(byte[] kb, int ks, int ke) {
        int k = lookup(kb, ks, ke);
        if (k >= 0) {
            next[prev] = k;
            prev = k;
        }
        return k;
    }

    /** The raw bytes of the key that followed the previous one last time, or null. */
    byte[] expected() {
        int k = next[prev];
        return k < 0 ? null : plainKeys[k];
    }

    /** The index of the key {@link #expected()} returned, which the reader found. */
    int takeExpected() {
        int k = next[prev];
        prev = k;
        return k;
    }

    private int lookup(byte[] kb, int ks, int ke) {
        int len = ke - ks;
        int nk = keys.length;
        // fields usually come in the same order on every line: try the one after the last match first
        for (int j = 0; j < nk; j++) {
            int i = hint + j;
            if (i >= nk) {
                i -= nk;
            }
            byte[] key = keys[i];
            if (key != null && key.length == len && Bytes.same(key, 0, kb, ks, len)) {
                hint = i + 1 == nk ? 0 : i + 1;
                return i;
            }
        }
        return -1;
    }
}
