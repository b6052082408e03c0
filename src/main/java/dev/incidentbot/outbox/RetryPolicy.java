package dev.incidentbot.outbox;

import java.time.Duration;

/**
 * How a kind's failed deliveries are retried. {@link #holdLane} (Slack): a retryable failure pauses the whole lane
 * for {@code first} of real time and the row is never given up, because a Slack outage hits every row alike and order
 * matters more than any single row. {@link #backoff}: each row waits on its own ({@code next_attempt_at}, doubling
 * from {@code first} up to {@code cap}, or the far side's Retry-After) and is given up after {@code maxAttempts}.
 */
public record RetryPolicy(boolean holdLane, Duration first, Duration cap, int maxAttempts) {

    public RetryPolicy {
        if (first.isNegative() || cap.compareTo(first) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("retry policy needs 0 <= first <= cap and at least one attempt");
        }
    }

    /** Retry the lane after {@code pause} for as long as it takes; rows are given up only when refused. */
    public static RetryPolicy holdLane(Duration pause) {
        return new RetryPolicy(true, pause, pause, Integer.MAX_VALUE);
    }

    /** Per-row exponential backoff: first, 2×first, 4×first … capped, at most {@code maxAttempts} tries in all. */
    public static RetryPolicy backoff(Duration first, Duration cap, int maxAttempts) {
        return new RetryPolicy(false, first, cap, maxAttempts);
    }

    /** The default for pages, mail and tickets: 8 attempts over about half an hour (15 s, 30 s … 16 min). */
    public static RetryPolicy standard() {
        return backoff(Duration.ofSeconds(15), Duration.ofMinutes(16), 8);
    }

    /** The wait after the {@code attempt}-th failed try (1-based), before the far side's own wish is considered. */
    public Duration delayAfter(int attempt) {
        if (holdLane) {
            return first;
        }
        Duration d = first;
        for (int i = 1; i < attempt && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
