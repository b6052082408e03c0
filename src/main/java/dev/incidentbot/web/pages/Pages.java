package dev.incidentbot.web.pages;

import dev.incidentbot.signin.SignIn;
import dev.incidentbot.web.Route;
import java.time.Clock;
import java.util.List;

/** The web pages' routes, wired together: list, incident, stats, sign-in and sign-out, stylesheet. */
public final class Pages {
    private Pages() {
    }

    /** {@code publicUrl}: the base URL people's browsers use; https there makes the session cookie Secure. */
    public static List<Route> routes(PageData data, SignIn signIn, String publicUrl, Clock clock) {
        Templates templates = new Templates();
        SessionCookie cookie = new SessionCookie(publicUrl != null && publicUrl.startsWith("https:"));
        return List.of(
                new LoginPage(signIn, templates, cookie),
                new SignOut(signIn, cookie),
                new IncidentListPage(signIn, templates, data),
                new IncidentPages(signIn, templates, data),
                StatsPage.page(signIn, templates, data, clock),
                StatsPage.chart(signIn, templates, data, clock),
                new Stylesheet());
    }
}
