package dev.incidentbot.web.pages;

import dev.incidentbot.web.HttpResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** Page answers with the headers every page carries: no scripts, no framing, no referrer (the sign-in token stays put). */
public final class Html {
    /** Styles and images from the bot only; no script at all, so an escaped value could not run even if one slipped. */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private Html() {
    }

    /** The headers of every page and image; pages show incident data, so nothing is stored by caches. */
    static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        h.put("Cache-Control", "no-store");
        return h;
    }

    static HttpResult page(int status, byte[] html) {
        return new HttpResult(status, "text/html; charset=utf-8", html, headers());
    }

    static HttpResult bytes(String contentType, byte[] body, String cacheControl) {
        Map<String, String> h = headers();
        h.put("Cache-Control", cacheControl);
        return new HttpResult(200, contentType, body, h);
    }

    /** A 302 to {@code location}, with a Set-Cookie when {@code cookie} is not null. */
    static HttpResult redirect(String location, String cookie) {
        Map<String, String> h = headers();
        h.put("Location", location);
        if (cookie != null) {
            h.put("Set-Cookie", cookie);
        }
        return new HttpResult(302, "text/plain; charset=utf-8", new byte[0], h);
    }

    /** A 303 (see other) after a form POST, with a Set-Cookie. */
    static HttpResult seeOther(String location, String cookie) {
        HttpResult r = redirect(location, cookie);
        return new HttpResult(303, r.contentType(), r.body(), r.headers());
    }
}
