package dev.incidentbot.analysis.input;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Byte-level parsers for timestamps, latencies and outcomes, written to avoid a String per value. */
public final class Values {
    public static final long NO_TIME = Long.MIN_VALUE;
    public static final int NO_LATENCY = -1;

    /** Outcome classes stored per record. */
    public static final byte OK = 0;
    public static final byte ERROR = 1;
    public static final byte TIMEOUT = 2;
    public static final byte UNKNOWN = 3;

    private Values() {
    }

    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};

    /**
     * Epoch milliseconds of an ISO-8601 timestamp ("2025-08-01T18:05:00Z", fractions, offsets, space for T),
     * a CLF time ("10/Oct/2000:13:55:36 -0700") or epoch seconds/milliseconds/microseconds; NO_TIME otherwise.
     */
    public static long parseTime(byte[] b, int s, int e) {
        int n = e - s;
        if (n <= 0) {
            return NO_TIME;
        }
        if (n >= 19 && digit(b[s]) && b[s + 4] == '-' && b[s + 7] == '-') {
            return iso(b, s, e);
        }
        if (n >= 20 && b[s + 2] == '/' && b[s + 6] == '/') {
            return clf(b, s, e);
        }
        // epoch number, possibly with a fraction
        long v = 0;
        int i = s;
        int digits = 0;
        while (i < e && digit(b[i])) {
            v = v * 10 + (b[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || digits > 19) {
            return NO_TIME;
        }
        double frac = 0;
        if (i < e && b[i] == '.') {
            double scale = 0.1;
            for (i++; i < e && digit(b[i]); i++) {
                frac += (b[i] - '0') * scale;
                scale /= 10;
            }
        }
        if (i != e) {
            return NO_TIME;
        }
        if (v >= 100_000_000L && v < 100_000_000_000L) {
            return v * 1000 + (long) (frac * 1000); // seconds
        }
        if (v >= 100_000_000_000L && v < 100_000_000_000_000L) {
            return v; // milliseconds
        }
        if (v >= 100_000_000_000_000L && v < 100_000_000_000_000_000L) {
            return v / 1000; // microseconds
        }
        if (v >= 100_000_000_000_000_000L) {
            return v / 1_000_000; // nanoseconds
        }
        return NO_TIME;
    }

    private static long iso(byte[] b, int s, int e) {
        int year = num(b, s, 4);
        int month = num(b, s + 5, 2);
        int day = num(b, s + 8, 2);
        byte t = b[s + 10];
        if (t != 'T' && t != ' ' && t != 't') {
            return NO_TIME;
        }
        int hh = num(b, s + 11, 2);
        int mm = num(b, s + 14, 2);
        int ss = num(b, s + 17, 2);
        if ((year | month | day | hh | mm | ss) < 0 || b[s + 13] != ':' || b[s + 16] != ':') {
            return NO_TIME;
        }
        int i = s + 19;
        long millis = 0;
        if (i < e && (b[i] == '.' || b[i] == ',')) {
            int scale = 100;
            for (i++; i < e && digit(b[i]); i++) {
                millis += (b[i] - '0') * scale;
                scale /= 10;
            }
        }
        long offsetSec = 0;
        if (i < e) {
            byte z = b[i];
            if (z == 'Z' || z == 'z') {
                i++;
            } else if ((z == '+' || z == '-') && e - i >= 3) {
                int oh = num(b, i + 1, 2);
                int om = 0;
                int j = i + 3;
                if (j < e && b[j] == ':') {
                    j++;
                }
                if (e - j >= 2) {
                    om = num(b, j, 2);
                    j += 2;
                }
                if (oh < 0 || om < 0) {
                    return NO_TIME;
                }
                offsetSec = (oh * 3600L + om * 60L) * (z == '-' ? -1 : 1);
                i = j;
            }
        }
        if (i != e) {
            return NO_TIME;
        }
        return (epochDay(year, month, day) * 86400L + hh * 3600L + mm * 60L + ss - offsetSec) * 1000L + millis;
    }

    private static long clf(byte[] b, int s, int e) {
        int day = num(b, s, 2);
        String mon = new String(b, s + 3, 3, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        int month = -1;
        for (int m = 0; m < 12; m++) {
            if (MONTHS[m].equals(mon)) {
                month = m + 1;
            }
        }
        int year = num(b, s + 7, 4);
        if (b[s + 11] != ':' || month < 0) {
            return NO_TIME;
        }
        int hh = num(b, s + 12, 2);
        int mm = num(b, s + 15, 2);
        int ss = num(b, s + 18, 2);
        if ((day | year | hh | mm | ss) < 0) {
            return NO_TIME;
        }
        long offsetSec = 0;
        int i = s + 20;
        while (i < e && b[i] == ' ') {
            i++;
        }
        if (e - i >= 5 && (b[i] == '+' || b[i] == '-')) {
            int oh = num(b, i + 1, 2);
            int om = num(b, i + 3, 2);
            offsetSec = (oh * 3600L + om * 60L) * (b[i] == '-' ? -1 : 1);
        }
        return (epochDay(year, month, day) * 86400L + hh * 3600L + mm * 60L + ss - offsetSec) * 1000L;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long epochDay(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    private static int num(byte[] b, int s, int len) {
        int v = 0;
        for (int i = s; i < s + len; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Latency in microseconds: a plain number scaled by unitMicros (1000 for ms), or a string with its own unit
     * ("63.0ms", "1.2s", "850us", "2m"); NO_LATENCY when unparseable or negative.
     */
    public static int parseLatency(byte[] b, int s, int e, double unitMicros) {
        int i = s;
        long whole = 0;
        int digits = 0;
        while (i < e && digit(b[i])) {
            whole = whole * 10 + (b[i] - '0');
            i++;
            digits++;
        }
        double value = whole;
        if (i < e && b[i] == '.') {
            double scale = 0.1;
            for (i++; i < e && digit(b[i]); i++) {
                value += (b[i] - '0') * scale;
                scale /= 10;
                digits++;
            }
        }
        if (digits == 0 || digits > 15) {
            return NO_LATENCY;
        }
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            try {
                return clamp(Double.parseDouble(new String(b, s, e - s, StandardCharsets.US_ASCII)) * unitMicros);
            } catch (NumberFormatException ex) {
                return NO_LATENCY;
            }
        }
        while (i < e && b[i] == ' ') {
            i++;
        }
        if (i == e) {
            return clamp(value * unitMicros);
        }
        double unit = unitOf(new String(b, i, e - i, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT));
        return unit < 0 ? NO_LATENCY : clamp(value * unit);
    }

    /**
     * parseLatency(b, s, e, unitMicros) for a unit of wholeUnit microseconds (1 to 10^6), taking a plain whole
     * number of up to 9 digits (the usual "ms": 75) without double arithmetic; the product is exact either way.
     */
    static int wholeLatency(byte[] b, int s, int e, long wholeUnit, double unitMicros) {
        int len = e - s;
        if (len == 0 || len > 9) {
            return parseLatency(b, s, e, unitMicros);
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return parseLatency(b, s, e, unitMicros);
            }
            v = v * 10 + d;
        }
        v *= wholeUnit;
        return v >= Integer.MAX_VALUE ? Integer.MAX_VALUE - 1 : (int) v;
    }

    /** Microseconds per unit suffix, or -1. */
    static double unitOf(String u) {
        return switch (u) {
            case "ns" -> 0.001;
            case "us", "µs", "μs" -> 1;
            case "ms", "msec", "millis" -> 1000;
            case "s", "sec", "secs", "second", "seconds" -> 1_000_000;
            case "m", "min", "mins" -> 60_000_000;
            default -> -1;
        };
    }

    private static int clamp(double micros) {
        if (micros < 0 || Double.isNaN(micros)) {
            return NO_LATENCY;
        }
        return micros >= Integer.MAX_VALUE ? Integer.MAX_VALUE - 1 : (int) Math.round(micros);
    }

    /**
     * Classifies one outcome value: HTTP 5xx/429 are errors and 504/408 timeouts; words like Timeout, Error,
     * failed; booleans read through the field name (success=false fails, error=true fails); log levels.
     */
    public static byte classifyOutcome(String raw, String fieldName) {
        String v = raw.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return UNKNOWN;
        }
        String f = fieldName == null ? "" : fieldName.toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            boolean negative = f.contains("err") || f.contains("fail") || f.contains("timeout") || f.contains("timed");
            boolean failed = negative == v.equals("true");
            if (!failed) {
                return OK;
            }
            return f.contains("timeout") || f.contains("timed") ? TIMEOUT : ERROR;
        }
        if (v.length() == 3 && Character.isDigit(v.charAt(0)) && Character.isDigit(v.charAt(2))) {
            int code = Integer.parseInt(v.replaceAll("\\D", "0"));
            if (code == 504 || code == 408) {
                return TIMEOUT;
            }
            return code >= 500 || code == 429 ? ERROR : OK;
        }
        if (v.contains("timeout") || v.contains("timed out") || v.contains("timed_out") || v.contains("deadline")) {
            return TIMEOUT;
        }
        if (v.startsWith("err") || v.startsWith("fail") || v.equals("fatal") || v.equals("critical")
                || v.equals("crit") || v.equals("alert") || v.equals("emerg") || v.equals("panic")
                || v.contains("exception") || v.equals("ko") || v.equals("unavailable") || v.equals("rejected")
                || v.equals("5xx") || v.equals("aborted") || v.equals("cancelled") || v.equals("canceled")) {
            return ERROR;
        }
        return OK;
    }
}
