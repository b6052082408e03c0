package dev.incidentbot.signin;

/**
 * What opening a sign-in link gave: a new session (with its secret id, for the cookie only) or why not.
 *
 * @param sessionId the session's secret id, null unless {@code outcome} is SIGNED_IN
 */
public record Redemption(Outcome outcome, String sessionId, Session session) {

    /** Why a link signed in or not; each has its own message on the login page. */
    public enum Outcome {
        SIGNED_IN, EXPIRED, USED, UNKNOWN
    }

    static Redemption refused(Outcome why) {
        return new Redemption(why, null, null);
    }
}
