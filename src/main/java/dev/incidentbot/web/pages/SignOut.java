package dev.incidentbot.web.pages;

import dev.incidentbot.signin.SignIn;
import dev.incidentbot.web.HttpCall;
import dev.incidentbot.web.HttpResult;
import dev.incidentbot.web.Route;

/**
 * POST /logout: ends the session in the store and clears the cookie. SameSite=Lax keeps other sites' forms from
 * sending the cookie along, so no other site can sign a person out.
 */
final class SignOut implements Route {
    private final SignIn signIn;
    private final SessionCookie cookie;

    SignOut(SignIn signIn, SessionCookie cookie) {
        this.signIn = signIn;
        this.cookie = cookie;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/logout";
    }

    @Override
    public long maxBodyBytes() {
        return 1024;
    }

    @Override
    public HttpResult handle(HttpCall call) {
        String id = SessionCookie.read(call);
        if (id != null) {
            signIn.signOut(id);
        }
        return Html.seeOther("/login", cookie.clear());
    }
}
