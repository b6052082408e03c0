package dev.incidentbot.retro;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times and durations as the postmortem and the retro prompts write them (UTC), without depending on Slack's formats. */
public final class Durations {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Durations() {
    }

    /** "45 s", "1 minute", "25 minutes", "2 hours 30 minutes", "3 days 4 hours". */
    public static String text(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 60) {
            return plural(m, "minute");
        }
        long h = m / 60;
        if (h < 48) {
            return plural(h, "hour") + (m % 60 == 0 ? "" : " " + plural(m % 60, "minute"));
        }
        return plural(h / 24, "day") + (h % 24 == 0 ? "" : " " + plural(h % 24, "hour"));
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    public static String date(Instant t) {
        return DATE.format(t);
    }

    public static String hm(Instant t) {
        return HM.format(t);
    }

    /** Date and time to the second, UTC, as the timeline table shows it. */
    public static String full(Instant t) {
        return FULL.format(t);
    }
}
