package dev.incidentbot.analysis.render;

/** The analysis chart could not be drawn: the message says why, and no image (not even part of one) was made. */
public final class ChartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChartException(String message, Throwable cause) {
        super(message, cause);
    }
}
