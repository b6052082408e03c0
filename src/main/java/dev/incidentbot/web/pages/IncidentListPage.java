package dev.incidentbot.web.pages;

import dev.incidentbot.signin.SignIn;
import dev.incidentbot.web.HttpCall;
import dev.incidentbot.web.HttpResult;

/** GET /incidents: open and recent incidents, newest first, filtered by severity, status and dates, 50 a page. */
final class IncidentListPage extends PageRoute {
    private final PageData data;

    IncidentListPage(SignIn signIn, Templates templates, PageData data) {
        super(signIn, templates);
        this.data = data;
    }

    @Override
    public String path() {
        return "/incidents";
    }

    @Override
    String title() {
        return "Incidents";
    }

    @Override
    HttpResult page(HttpCall call, Chrome chrome) {
        ListQuery q;
        try {
            q = ListQuery.parse(call.query());
        } catch (ListQuery.BadQuery e) {
            // The form stays usable: the page shows the message above an unfiltered form and no rows.
            return Html.page(400, templates.render("list.jte", new ListView(chrome, ListQuery.none(), java.util.List.of(), 0,
                    null, null, e.getMessage())));
        }
        PageData.ListPage page = data.list(q);
        String previous = q.page() > 1 ? q.link(q.page() - 1) : null;
        String next = q.offset() + page.incidents().size() < page.total() ? q.link(q.page() + 1) : null;
        return Html.page(200, templates.render("list.jte", new ListView(chrome, q, page.incidents(), page.total(), previous, next, null)));
    }
}
