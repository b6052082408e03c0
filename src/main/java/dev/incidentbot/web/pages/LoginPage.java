package dev.incidentbot.web.pages;

import dev.incidentbot.signin.Redemption;
import dev.incidentbot.signin.SignIn;
import dev.incidentbot.web.HttpCall;
import dev.incidentbot.web.HttpResult;
import dev.incidentbot.web.Route;
import java.util.List;

/**
 * GET /login: without a token, how to get a link; with {@code ?token=} from {@code /incident web}, a session
 * cookie and a 302 to /incidents, or the reason the link does not work (400, no session).
 */
final class LoginPage implements Route {
    private final SignIn signIn;
    private final Templates templates;
    private final SessionCookie cookie;

    LoginPage(SignIn signIn, Templates templates, SessionCookie cookie) {
        this.signIn = signIn;
        this.templates = templates;
        this.cookie = cookie;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/login";
    }

    @Override
    public long maxBodyBytes() {
        return 0;
    }

    @Override
    public HttpResult handle(HttpCall call) {
        List<String> tokens = call.query().get("token");
        if (tokens == null || tokens.isEmpty()) {
            return page(200, null);
        }
        Redemption r = signIn.redeem(tokens.get(0));
        return switch (r.outcome()) {
            case SIGNED_IN -> Html.redirect("/incidents", cookie.set(r.sessionId()));
            case EXPIRED -> page(400, "This sign-in link has expired: links work for "
                    + SignIn.LINK_LIFETIME.toMinutes() + " minutes.");
            case USED -> page(400, "This sign-in link was already used: each link works once.");
            case UNKNOWN -> page(400, "This sign-in link is not valid.");
        };
    }

    private HttpResult page(int status, String problem) {
        return Html.page(status, templates.render("login.jte", new MessageView(new Chrome("Sign in", null), "Sign in", problem)));
    }
}
