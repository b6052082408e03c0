package dev.incidentbot.slack;

/** A Web API call that did not succeed; {@code retryable} says whether sending it later may work. */
public final class SlackCallFailed extends Exception {
    private final boolean retryable;

    public SlackCallFailed(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
