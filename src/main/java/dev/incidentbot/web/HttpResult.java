package dev.incidentbot.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP answer: status, content type, body and extra headers. */
public record HttpResult(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static HttpResult json(int status, String json) {
        return new HttpResult(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static HttpResult text(int status, String contentType, String text) {
        return new HttpResult(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A JSON error body {"ok":false,"error":"..."}. */
    public static HttpResult error(int status, String message) {
        return json(status, JSON.createObjectNode().put("ok", false).put("error", message).toString());
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}
