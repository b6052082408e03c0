package dev.incidentbot.analysis.input;

/** Nothing usable could be read from the input; the message is one line naming the source and the problem. */
public final class UnreadableInputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String problem;

    public UnreadableInputException(String source, String problem) {
        super(source + ": " + problem);
        this.problem = problem;
    }

    /** The problem alone, for a caller that names the source its own way (a Slack file, not its temporary copy). */
    public String problem() {
        return problem;
    }
}
