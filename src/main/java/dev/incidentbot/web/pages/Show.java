package dev.incidentbot.web.pages;

import dev.incidentbot.incident.DurationWords;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the templates word times, durations and shares: plain text, which the templates then escape. */
public final class Show {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Show() {
    }

    /** "2026-12-03 13:05 UTC", or a dash for none. */
    public static String at(Instant t) {
        return t == null ? "–" : AT.format(t);
    }

    /** "2 hours 5 minutes" (the bot's one way of wording durations), or a dash for none. */
    public static String took(Duration d) {
        return d == null ? "–" : DurationWords.of(d);
    }

    /** "75%", or a dash when there is nothing to count. */
    public static String share(double fraction) {
        return Double.isNaN(fraction) ? "–" : Math.round(fraction * 100) + "%";
    }

    /** The ISO-8601 form for a {@code <time datetime>} attribute. */
    public static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }
}
