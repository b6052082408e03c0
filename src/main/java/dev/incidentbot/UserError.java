package dev.incidentbot;

/** A mistake of the person using the bot: shown to them privately as it is, never logged as a failure. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message, null, false, false);
    }
}
