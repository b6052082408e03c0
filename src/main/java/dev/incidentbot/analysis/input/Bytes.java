package dev.incidentbot.analysis.input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Equality of short byte ranges a word at a time, for keys, repeated timestamps and cached values.
 *
 * <p>The parser runs on the quick compiler (see JitHint), which does not intrinsify Arrays.equals; two
 * overlapping 8-byte reads compare a 9-16 byte key about 2.5x faster than a byte loop there (a 4-7 byte one with
 * two 4-byte reads).
 */
final class Bytes {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    /** a[as, as+len) equals b[bs, bs+len); both ranges must lie inside their arrays. */
    static boolean same(byte[] a, int as, byte[] b, int bs, int len) {
        if (len >= 8) {
            int last = len - 8;
            if ((long) LONG.get(a, as + last) != (long) LONG.get(b, bs + last)) {
                return false;
            }
            for (int i = 0; i < last; i += 8) {
                if ((long) LONG.get(a, as + i) != (long) LONG.get(b, bs + i)) {
                    return false;
                }
            }
            return true;
        }
        if (len >= 4) {
            return (int) INT.get(a, as) == (int) INT.get(b, bs)
                    && (int) INT.get(a, as + len - 4) == (int) INT.get(b, bs + len - 4);
        }
        for (int i = 0; i < len; i++) {
            if (a[as + i] != b[bs + i]) {
                return false;
            }
        }
        return true;
    }
}
