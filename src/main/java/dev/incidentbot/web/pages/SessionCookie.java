package dev.incidentbot.web.pages;

import dev.incidentbot.signin.SignIn;
import dev.incidentbot.web.HttpCall;

/** The session cookie: its name, its flags (HttpOnly, SameSite=Lax, Secure behind https) and reading it back. */
public final class SessionCookie {
    public static final String NAME = "incidentbot_session";
    private final boolean secure;

    /** {@code secure}: PUBLIC_URL is https, so the browser must only send the cookie over https. */
    public SessionCookie(boolean secure) {
        this.secure = secure;
    }

    /** Set-Cookie for a new session, living as long as the session does. */
    public String set(String sessionId) {
        return NAME + "=" + sessionId + "; Path=/; Max-Age=" + SignIn.SESSION_LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    /** Set-Cookie that makes the browser forget the session. */
    public String clear() {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /** The session id the request carries, or null. */
    public static String read(HttpCall call) {
        String header = call.header("Cookie");
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(NAME + "=")) {
                return p.substring(NAME.length() + 1);
            }
        }
        return null;
    }
}
