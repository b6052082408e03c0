package dev.incidentbot.web.pages;

import dev.incidentbot.signin.SignIn;
import dev.incidentbot.web.HttpCall;
import dev.incidentbot.web.HttpResult;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET /incidents/{ID} (the record), /incidents/{ID}/postmortem.md (the Markdown export) and
 * /incidents/{ID}/analyses/{n}/chart.png (an analysis chart), all behind the session; anything else under it is 404.
 */
final class IncidentPages extends PageRoute {
    private static final Pattern PATH = Pattern.compile("/incidents/([A-Za-z0-9-]{1,32})(/postmortem\\.md|/analyses/(\\d{1,15})/chart\\.png)?");
    private final PageData data;

    IncidentPages(SignIn signIn, Templates templates, PageData data) {
        super(signIn, templates);
        this.data = data;
    }

    @Override
    public String path() {
        return "/incidents/";
    }

    @Override
    public boolean matches(String requestPath) {
        return requestPath.startsWith("/incidents/");
    }

    @Override
    String title() {
        return "Incident";
    }

    @Override
    HttpResult page(HttpCall call, Chrome chrome) {
        Matcher m = PATH.matcher(call.path());
        if (!m.matches()) {
            return notFound(chrome, "There is no page at this address.");
        }
        String id = m.group(1).toUpperCase(java.util.Locale.ROOT);
        if (m.group(2) == null) {
            return data.incident(id).map(r -> Html.page(200, templates.render("incident.jte",
                    new IncidentView(new Chrome(r.incident().id() + " " + r.incident().title(), chrome.userId()), r.incident(),
                            r.timeline(), r.alerts(), r.analyses(), r.notes()))))
                    .orElseGet(() -> notFound(chrome, "There is no incident " + id + "."));
        }
        if (m.group(3) != null) {
            Optional<byte[]> png = data.chart(id, Long.parseLong(m.group(3)));
            // Charts never change once stored, but they show incident data: the browser may keep them, shared caches not.
            return png.map(b -> Html.bytes("image/png", b, "private, max-age=3600"))
                    .orElseGet(() -> notFound(chrome, "There is no such chart."));
        }
        return data.postmortem(id).map(md -> {
            HttpResult r = Html.bytes("text/markdown; charset=utf-8", md.getBytes(StandardCharsets.UTF_8), "no-store");
            r.headers().put("Content-Disposition", "attachment; filename=\"postmortem-" + id + ".md\"");
            return r;
        }).orElseGet(() -> notFound(chrome, "There is no incident " + id + "."));
    }

    private HttpResult notFound(Chrome chrome, String text) {
        return message(404, chrome, "Not found", text);
    }
}
