package dev.incidentbot.slack.blocks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as people read them in notifications: UTC wall time and "15 min ago" (durations: {@link dev.incidentbot.incident.DurationWords}). */
public final class Format {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Format() {
    }

    public static String utc(Instant t) {
        return t == null ? "–" : UTC.format(t);
    }

    public static String hm(Instant t) {
        return t == null ? "–" : HM.format(t);
    }

    /** "just now", "3 min ago", "2 h 5 min ago". */
    public static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.getSeconds() < 60) {
            return d.getSeconds() < 5 ? "just now" : d.getSeconds() + " s ago";
        }
        long m = d.toMinutes();
        if (m < 60) {
            return m + " min ago";
        }
        return (m / 60) + " h " + (m % 60) + " min ago";
    }
}
