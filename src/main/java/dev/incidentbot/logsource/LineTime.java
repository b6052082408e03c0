package dev.incidentbot.logsource;

/**
 * Finds a log line's own time without parsing the line: the first ISO-8601 stamp ({@code 2026-12-03T10:29:56.123Z},
 * a space instead of the T, an offset or none for UTC) or common-log stamp ({@code [03/Dec/2026:10:29:56 +0000]})
 * among its first bytes. Good enough to cut a window; the analyzer parses times properly afterwards.
 */
final class LineTime {
    /** A time is looked for this far into a line; records put their time near the start. */
    static final int SCAN = 512;
    static final long NONE = Long.MIN_VALUE;
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private LineTime() {
    }

    /** Epoch millis of the first time stamp in {@code b[from, to)}, or {@link #NONE}. */
    static long of(byte[] b, int from, int to) {
        int end = Math.min(to, from + SCAN);
        for (int i = from; i + 19 <= end; i++) {
            if (digit(b[i])) {
                long t = iso(b, i, end);
                if (t != NONE) {
                    return t;
                }
                t = common(b, i, end);
                if (t != NONE) {
                    return t;
                }
            }
        }
        return NONE;
    }

    private static long iso(byte[] b, int i, int end) {
        if (!(num(b, i, 4) >= 0 && b[i + 4] == '-' && num(b, i + 5, 2) >= 0 && b[i + 7] == '-' && num(b, i + 8, 2) >= 0
                && (b[i + 10] == 'T' || b[i + 10] == ' ') && num(b, i + 11, 2) >= 0 && b[i + 13] == ':'
                && num(b, i + 14, 2) >= 0 && b[i + 16] == ':' && num(b, i + 17, 2) >= 0)) {
            return NONE;
        }
        if (i > 0 && digit(b[i - 1])) {
            return NONE;
        }
        int p = i + 19;
        long millis = 0;
        if (p < end && (b[p] == '.' || b[p] == ',')) {
            int digits = 0;
            p++;
            while (p < end && digit(b[p])) {
                if (digits < 3) {
                    millis = millis * 10 + (b[p] - '0');
                }
                digits++;
                p++;
            }
            for (int d = digits; d < 3; d++) {
                millis *= 10;
            }
        }
        long offsetMin = 0;
        if (p + 2 < end && (b[p] == '+' || b[p] == '-') && num(b, p + 1, 2) >= 0) {
            int sign = b[p] == '-' ? -1 : 1;
            int hh = num(b, p + 1, 2);
            int q = p + 3;
            if (q < end && b[q] == ':') {
                q++;
            }
            int mm = q + 2 <= end ? num(b, q, 2) : 0;
            offsetMin = sign * (hh * 60L + Math.max(0, mm));
        }
        return epoch(num(b, i, 4), num(b, i + 5, 2), num(b, i + 8, 2), num(b, i + 11, 2), num(b, i + 14, 2),
                num(b, i + 17, 2), millis, offsetMin);
    }

    /** {@code 03/Dec/2026:10:29:56 +0000}, as nginx and Apache write it. */
    private static long common(byte[] b, int i, int end) {
        if (i + 26 > end || !(num(b, i, 2) >= 0 && b[i + 2] == '/' && b[i + 6] == '/' && num(b, i + 7, 4) >= 0
                && b[i + 11] == ':' && num(b, i + 12, 2) >= 0 && b[i + 14] == ':' && num(b, i + 15, 2) >= 0
                && b[i + 17] == ':' && num(b, i + 18, 2) >= 0 && b[i + 20] == ' ' && (b[i + 21] == '+' || b[i + 21] == '-')
                && num(b, i + 22, 4) >= 0)) {
            return NONE;
        }
        int month = MONTHS.indexOf(new String(b, i + 3, 3, java.nio.charset.StandardCharsets.US_ASCII));
        if (month < 0 || month % 3 != 0) {
            return NONE;
        }
        int off = num(b, i + 22, 4);
        long offsetMin = (b[i + 21] == '-' ? -1 : 1) * ((off / 100) * 60L + off % 100);
        return epoch(num(b, i + 7, 4), month / 3 + 1, num(b, i, 2), num(b, i + 12, 2), num(b, i + 15, 2),
                num(b, i + 18, 2), 0, offsetMin);
    }

    private static long epoch(int y, int mo, int d, int h, int mi, int s, long millis, long offsetMin) {
        if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
            return NONE;
        }
        long days = daysFromCivil(y, mo, d);
        return ((days * 24 + h) * 60 + mi - offsetMin) * 60_000L + s * 1000L + millis;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    private static int num(byte[] b, int at, int n) {
        if (at + n > b.length) {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < n; k++) {
            if (!digit(b[at + k])) {
                return -1;
            }
            v = v * 10 + (b[at + k] - '0');
        }
        return v;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }
}
