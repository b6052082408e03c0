package dev.incidentbot.logsource;

/** A source could not give its window; the message is one short line for the incident's thread, never a secret. */
public final class LogSourceException extends Exception {
    public LogSourceException(String reason) {
        super(reason);
    }

    public LogSourceException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
