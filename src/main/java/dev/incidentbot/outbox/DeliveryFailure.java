package dev.incidentbot.outbox;

import java.time.Duration;

/**
 * A failed outbound call. The message is shown to people (in the incident's thread), so it never carries a secret.
 * {@code retryAfter} is the wait the far side asked for (HTTP 429 {@code Retry-After}), or null for the outbox's backoff.
 */
public final class DeliveryFailure extends Exception {
    private final boolean retryable;
    private final Duration retryAfter;

    public DeliveryFailure(String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** A failure worth another try later (timeouts, 5xx, 429). */
    public static DeliveryFailure retryable(String message, Duration retryAfter) {
        return new DeliveryFailure(message, true, retryAfter);
    }

    /** A failure no retry will mend (4xx other than 429, wrong credentials). */
    public static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, false, null);
    }

    public boolean retryable() {
        return retryable;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
