package dev.incidentbot.analysis.input;

import java.nio.charset.StandardCharsets;

/** Dictionary from byte ranges to dense int codes (open addressing), so a repeated value costs no allocation. */
public final class ByteDict {
    private byte[] arena = new byte[1024];
    private int arenaLen;
    private int[] offsets = new int[64];
    private int[] lengths = new int[64];
    private int[] hashes = new int[64];
    private int[] table = new int[128]; // code + 1, 0 = empty
    private int size;

    public int size() {
        return size;
    }

    /** The code of the bytes, adding them when new. */
    public int code(byte[] b, int s, int e) {
        int h = hash(b, s, e);
        int mask = table.length - 1;
        int len = e - s;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = table[i];
            if (slot == 0) {
                int code = add(b, s, len, h);
                table[i] = code + 1;
                if (size * 2 > table.length) {
                    rehash();
                }
                return code;
            }
            int c = slot - 1;
            if (hashes[c] == h && lengths[c] == len && same(b, s, arena, offsets[c], len)) {
                return c;
            }
        }
    }

    /** The code of the bytes, or -1 when absent. */
    public int find(byte[] b, int s, int e) {
        int h = hash(b, s, e);
        int mask = table.length - 1;
        int len = e - s;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = table[i];
            if (slot == 0) {
                return -1;
            }
            int c = slot - 1;
            if (hashes[c] == h && lengths[c] == len && same(b, s, arena, offsets[c], len)) {
                return c;
            }
        }
    }

    public String string(int code) {
        return new String(arena, offsets[code], lengths[code], StandardCharsets.UTF_8);
    }

    private int add(byte[] b, int s, int len, int h) {
        if (size == offsets.length) {
            offsets = java.util.Arrays.copyOf(offsets, size * 2);
            lengths = java.util.Arrays.copyOf(lengths, size * 2);
            hashes = java.util.Arrays.copyOf(hashes, size * 2);
        }
        if (arenaLen + len > arena.length) {
            arena = java.util.Arrays.copyOf(arena, Math.max(arena.length * 2, arenaLen + len));
        }
        System.arraycopy(b, s, arena, arenaLen, len);
        offsets[size] = arenaLen;
        lengths[size] = len;
        hashes[size] = h;
        arenaLen += len;
        return size++;
    }

    private void rehash() {
        int[] t = new int[table.length * 2];
        int mask = t.length - 1;
        for (int c = 0; c < size; c++) {
            int i = hashes[c] & mask;
            while (t[i] != 0) {
                i = (i + 1) & mask;
            }
            t[i] = c + 1;
        }
        table = t;
    }

    private static int hash(byte[] b, int s, int e) {
        int h = 0x811c9dc5;
        for (int i = s; i < e; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private static boolean same(byte[] a, int as, byte[] b, int bs, int len) {
        for (int i = 0; i < len; i++) {
            if (a[as + i] != b[bs + i]) {
                return false;
            }
        }
        return true;
    }
}
