package dev.incidentbot.web.pages;

import dev.incidentbot.signin.Session;
import dev.incidentbot.signin.SignIn;
import dev.incidentbot.web.HttpCall;
import dev.incidentbot.web.HttpResult;
import dev.incidentbot.web.Route;
import java.util.Optional;

/** A GET page behind the session: without one the browser goes to /login; a bad query value gets a 400 page. */
abstract class PageRoute implements Route {
    protected final SignIn signIn;
    protected final Templates templates;

    PageRoute(SignIn signIn, Templates templates) {
        this.signIn = signIn;
        this.templates = templates;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public long maxBodyBytes() {
        return 0;
    }

    @Override
    public final HttpResult handle(HttpCall call) throws Exception {
        Optional<Session> session = signIn.session(SessionCookie.read(call));
        if (session.isEmpty()) {
            return Html.redirect("/login", null);
        }
        Chrome chrome = new Chrome(title(), session.get().userId());
        try {
            return page(call, chrome);
        } catch (ListQuery.BadQuery e) {
            return message(400, chrome, "That filter does not work", e.getMessage());
        }
    }

    /** The page's title in the browser's tab. */
    abstract String title();

    abstract HttpResult page(HttpCall call, Chrome chrome) throws Exception;

    HttpResult message(int status, Chrome chrome, String heading, String text) {
        return Html.page(status, templates.render("message.jte", new MessageView(new Chrome(heading, chrome.userId()), heading, text)));
    }
}
