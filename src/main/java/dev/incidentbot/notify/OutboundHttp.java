package dev.incidentbot.notify;

import dev.incidentbot.outbox.DeliveryFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON POST to PagerDuty, Jira or GitHub, its answer sorted into success or a {@link DeliveryFailure}: 5xx,
 * timeouts and 429 (with its {@code Retry-After}) are worth a retry; 401/403 and other 4xx are not. Failure
 * messages name the service and the status only, never a header, so no credential can reach a thread or a log.
 */
public final class OutboundHttp {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final HttpClient http;

    public OutboundHttp(HttpClient http) {
        this.http = http;
    }

    /** A client that never follows redirects (credentials stay with the configured host). */
    public static OutboundHttp standard() {
        return new OutboundHttp(HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** Posts {@code json}; returns the body of a 2xx answer. */
    public String post(String service, URI uri, Map<String, String> headers, String json) throws DeliveryFailure {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("User-Agent", "incident-bot")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(b::setHeader);
        HttpResponse<String> res;
        try {
            res = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw DeliveryFailure.retryable(service + " could not be reached (" + e.getClass().getSimpleName() + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retryable(service + " call interrupted", null);
        }
        int status = res.statusCode();
        if (status >= 200 && status < 300) {
            return res.body();
        }
        if (status == 429) {
            throw DeliveryFailure.retryable(service + " asked to slow down (HTTP 429)",
                    retryAfter(res.headers().firstValue("Retry-After")));
        }
        if (status >= 500) {
            throw DeliveryFailure.retryable(service + " failed (HTTP " + status + ")", null);
        }
        if (status == 401 || status == 403) {
            throw DeliveryFailure.permanent(service + " refused the credentials (HTTP " + status + "); check the settings");
        }
        if (status == 404) {
            throw DeliveryFailure.permanent(service + " answered HTTP 404: the URL, project or repository is wrong");
        }
        throw DeliveryFailure.permanent(service + " refused the request (HTTP " + status + ")");
    }

    /** Retry-After in seconds (or an HTTP date, read as "a minute"), capped at an hour; null when absent or unreadable. */
    static Duration retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return null;
        }
        String v = header.get().trim();
        try {
            long s = Long.parseLong(v);
            Duration d = Duration.ofSeconds(Math.max(0, s));
            return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
        } catch (NumberFormatException e) {
            return v.isEmpty() ? null : Duration.ofMinutes(1);
        }
    }
}
