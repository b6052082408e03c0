package dev.incidentbot.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One HTTP request as the endpoints see it: the server (Jetty) stays out of their code and their tests. */
public record HttpCall(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                       byte[] body, String remoteAddress) {

    /** A header by case-insensitive name (headers are stored lower-cased). */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
