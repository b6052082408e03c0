package dev.incidentbot.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentbot.slack.SlackSignature;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Sends what Slack sends to the bot's /slack/events, signed as Slack signs it (the Java twin of slack_client.py). */
public final class SlackRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private final String secret;
    private final Clock clock;

    public SlackRequests(String eventsUrl, String secret, Clock clock) {
        this.url = eventsUrl;
        this.secret = secret;
        this.clock = clock;
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String commandBody(String text, String user, String channel, String responseUrl) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "deprecated");
        f.put("team_id", "T0TEAM");
        f.put("team_domain", "example");
        f.put("channel_id", channel);
        f.put("channel_name", "incidents");
        f.put("user_id", user);
        f.put("user_name", user.toLowerCase());
        f.put("command", "/incident");
        f.put("text", text);
        f.put("api_app_id", "A0BOT");
        f.put("response_url", responseUrl);
        f.put("trigger_id", "1.2.3");
        return form(f);
    }

    public static String eventBody(Map<String, Object> event, String eventId) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", "deprecated");
        body.put("team_id", "T0TEAM");
        body.put("api_app_id", "A0BOT");
        body.put("event", event);
        body.put("type", "event_callback");
        body.put("event_id", eventId);
        body.put("event_time", 1);
        return JSON.writeValueAsString(body);
    }

    public static String actionBody(Map<String, Object> payload) throws IOException {
        return form(Map.of("payload", JSON.writeValueAsString(payload)));
    }

    public HttpResponse<String> command(String text, String user, String channel, String responseUrl) throws Exception {
        return post(commandBody(text, user, channel, responseUrl), "application/x-www-form-urlencoded", null, false, null);
    }

    /** Posts a body with Slack's headers; {@code timestamp} null means now, {@code badSignature} signs wrongly. */
    public HttpResponse<String> post(String body, String contentType, Long timestamp, boolean badSignature, Integer retryNum)
            throws IOException, InterruptedException {
        String ts = Long.toString(timestamp == null ? clock.instant().getEpochSecond() : timestamp);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String sig = badSignature ? "v0=" + "0".repeat(64) : new SlackSignature(secret, clock).sign(ts, bytes);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", sig)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (retryNum != null) {
            b.header("X-Slack-Retry-Num", retryNum.toString()).header("X-Slack-Retry-Reason", "http_timeout");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
