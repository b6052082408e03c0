package dev.incidentbot.analysis.cause;

import java.time.Duration;
import java.time.Instant;

/**
 * Number, time and range formatting shared by the narrative and the renderers; written by hand because
 * String.format and DateTimeFormatter cost tens of milliseconds to initialise in a one-shot command.
 */
public final class Fmt {

    private Fmt() {
    }

    /** "750 ms", "63 ms", "3.2 ms", "0.85 ms". */
    public static String ms(double v) {
        return num(v) + " ms";
    }

    public static String num(double v) {
        double a = Math.abs(v);
        if (a >= 10 || v == Math.rint(v)) {
            return fixed(v, 0);
        }
        return fixed(v, a >= 1 ? 1 : 2);
    }

    /** v rounded half-up to the given decimals, like %.Nf. */
    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : decimals == 2 ? 100 : decimals == 3 ? 1000 : 10000;
        long units = Math.round(Math.abs(v) * scale);
        StringBuilder sb = new StringBuilder();
        if (v < 0 && units != 0) {
            sb.append('-');
        }
        sb.append(units / scale);
        if (decimals > 0) {
            String frac = Long.toString(units % scale);
            sb.append('.');
            for (int i = frac.length(); i < decimals; i++) {
                sb.append('0');
            }
            sb.append(frac);
        }
        return sb.toString();
    }

    public static String pct(double rate) {
        double p = rate * 100;
        if (p == Math.rint(p) || p >= 10) {
            return fixed(p, 0) + "%";
        }
        return fixed(p, 1) + "%";
    }

    public static String ratio(double r) {
        return fixed(r, r >= 10 ? 0 : 1) + "×";
    }

    public static String p(double p) {
        if (p < 0.0001) {
            if (p < 1e-300) {
                return "< 1e-300"; // below what a double resolves: the evidence is overwhelming
            }
            int exp = (int) Math.floor(Math.log10(p));
            double mant = p / Math.pow(10, exp);
            if (Math.round(mant * 10) >= 100) {
                mant /= 10;
                exp++;
            }
            return fixed(mant, 1) + "e" + exp;
        }
        String s = fixed(p, 4);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        if (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /** "2025-08-01 18:06:00 UTC". */
    public static String time(Instant t) {
        if (t == null) {
            return "?";
        }
        return date(t) + " UTC";
    }

    /** "2025-08-01T18:06:00Z" (with milliseconds when there are any), as JSON carries instants. */
    public static String iso(Instant t) {
        String s = date(t).replace(' ', 'T');
        int ms = t.getNano() / 1_000_000;
        if (ms != 0) {
            s += "." + (ms < 10 ? "00" : ms < 100 ? "0" : "") + ms;
        }
        return s + "Z";
    }

    private static String date(Instant t) {
        long secs = t.getEpochSecond();
        long days = Math.floorDiv(secs, 86400);
        long sod = Math.floorMod(secs, 86400);
        // civil_from_days (Howard Hinnant)
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return y + "-" + two(m) + "-" + two(d) + " " + two(sod / 3600) + ":" + two(sod % 3600 / 60) + ":"
                + two(sod % 60);
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
    }

    /** Small groups as a range ("680–890 ms"), large ones as percentiles. */
    public static String latency(LatencyStats l) {
        if (l.isEmpty()) {
            return "no latency recorded";
        }
        if (l.count() == 1) {
            return ms(l.min());
        }
        if (l.count() <= 20) {
            return num(l.min()) + "–" + ms(l.max()) + " (p50 " + ms(l.p50()) + ", p95 " + ms(l.p95()) + ")";
        }
        return "p50 " + ms(l.p50()) + ", p95 " + ms(l.p95()) + ", p99 " + ms(l.p99()) + ", max " + ms(l.max());
    }

    /** "4 of 5". */
    public static String of(long k, long n) {
        return k + " of " + n;
    }
}
