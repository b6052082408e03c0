package dev.incidentbot.analysis.input;

/** Nothing usable could be read from the input; the message is one line naming the source and the problem. */
public final class UnreadableInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableInputException(String source, String problem) {
        super(source + ": " + problem);
    }
}
