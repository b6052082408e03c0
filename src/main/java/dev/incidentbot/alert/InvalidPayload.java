package dev.incidentbot.alert;

/** A webhook body that is not a valid payload of its format; the message names the problem and is safe to return. */
public final class InvalidPayload extends RuntimeException {
    public InvalidPayload(String message) {
        super(message, null, false, false);
    }
}
