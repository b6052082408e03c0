package dev.incidentbot.web.pages;

import dev.incidentbot.web.HttpCall;
import dev.incidentbot.web.HttpResult;
import dev.incidentbot.web.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** GET /static/style.css: the pages' one stylesheet, public and cacheable for a day (it holds no data). */
final class Stylesheet implements Route {
    static final String PATH = "/static/style.css";
    private final byte[] css;

    Stylesheet() {
        try (InputStream in = Stylesheet.class.getResourceAsStream("/web/style.css")) {
            if (in == null) {
                throw new IllegalStateException("web/style.css is missing from the jar");
            }
            css = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public long maxBodyBytes() {
        return 0;
    }

    @Override
    public HttpResult handle(HttpCall call) {
        return Html.bytes("text/css; charset=utf-8", css, "public, max-age=86400");
    }
}
