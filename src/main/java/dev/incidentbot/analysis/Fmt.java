package dev.incidentbot.analysis;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number, time and range formatting shared by the narrative and the renderers. */
public final class Fmt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    /** "750 ms", "63 ms", "3.2 ms", "0.85 ms". */
    public static String ms(double v) {
        return num(v) + " ms";
    }

    public static String num(double v) {
        double a = Math.abs(v);
        if (a >= 10 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    public static String pct(double rate) {
        double p = rate * 100;
        if (p == Math.rint(p) || p >= 10) {
            return String.format(Locale.ROOT, "%.0f%%", p);
        }
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    public static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : "%.1f×", r);
    }

    public static String p(double p) {
        if (p < 0.0001) {
            return String.format(Locale.ROOT, "%.1e", p);
        }
        return String.format(Locale.ROOT, "%.4f", p).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    public static String time(Instant t) {
        return t == null ? "?" : TIME.format(t);
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
