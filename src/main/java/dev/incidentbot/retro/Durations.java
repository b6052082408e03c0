package dev.incidentbot.retro;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the postmortem and the retro prompts write them (UTC), without depending on Slack's formats; durations are {@link dev.incidentbot.incident.DurationWords}. */
public final class Durations {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Durations() {
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
