package dev.incidentbot.incident;

import java.time.Duration;

/**
 * How every message and report words a duration ("45 seconds", "1 minute 30 seconds", "2 hours 30 minutes",
 * "3 days 4 hours"): one place, so Slack posts, reminders and postmortems say the same thing the same way.
 * The largest unit and the next one when it is not zero; negative durations read as zero.
 */
public final class DurationWords {
    private DurationWords() {
    }

    public static String of(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return plural(s, "second");
        }
        long m = s / 60;
        if (m < 60) {
            return plural(m, "minute") + next(s % 60, "second");
        }
        long h = m / 60;
        if (h < 48) {
            return plural(h, "hour") + next(m % 60, "minute");
        }
        return plural(h / 24, "day") + next(h % 24, "hour");
    }

    private static String next(long n, String unit) {
        return n == 0 ? "" : " " + plural(n, unit);
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
