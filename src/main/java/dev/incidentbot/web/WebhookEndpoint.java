package dev.incidentbot.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentbot.alert.Alert;
import dev.incidentbot.alert.AlertIntake;
import dev.incidentbot.alert.AlertParser;
import dev.incidentbot.alert.AlertSource;
import dev.incidentbot.alert.IntakeResult;
import dev.incidentbot.alert.InvalidPayload;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POST /webhooks/{alertmanager,grafana,generic}: bearer token (compared in constant time) → {@link AlertParser} →
 * {@link AlertIntake}. 401 without the token, 400 naming the problem for a bad body (nothing stored), 200 with what
 * was done; 503 while {@code WEBHOOK_TOKEN} is unset, because an open webhook would let anyone page people.
 */
public final class WebhookEndpoint implements Route {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BODY = 1024 * 1024;

    private final AlertSource source;
    private final byte[] tokenHash;
    private final AlertParser parser;
    private final AlertIntake intake;
    private final Counter received;
    private final Counter rejected;

    /** @param token the shared secret, or null when webhooks are disabled */
    public WebhookEndpoint(AlertSource source, String token, AlertParser parser, AlertIntake intake, MeterRegistry metrics) {
        this.source = source;
        this.tokenHash = token == null ? null : sha256(token.getBytes(StandardCharsets.UTF_8));
        this.parser = parser;
        this.intake = intake;
        this.received = Counter.builder("incidentbot.alerts.received").description("alerts accepted by the webhooks")
                .tag("source", source.id()).register(metrics);
        this.rejected = Counter.builder("incidentbot.webhooks.rejected").description("webhook deliveries refused (auth or payload)")
                .tag("source", source.id()).register(metrics);
    }

    /** The three webhook routes. */
    public static List<Route> all(String token, AlertParser parser, AlertIntake intake, MeterRegistry metrics) {
        FunctionCounter.builder("incidentbot.alerts.store.commits", intake, i -> i.storeCommitsAndJobs()[0])
                .description("transactions the alert store committed for webhook deliveries").register(metrics);
        FunctionCounter.builder("incidentbot.alerts.store.groups", intake, i -> i.storeCommitsAndJobs()[1])
                .description("alert groups of deliveries those transactions held (group commit)").register(metrics);
        return List.of(new WebhookEndpoint(AlertSource.ALERTMANAGER, token, parser, intake, metrics),
                new WebhookEndpoint(AlertSource.GRAFANA, token, parser, intake, metrics),
                new WebhookEndpoint(AlertSource.GENERIC, token, parser, intake, metrics));
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/webhooks/" + source.id();
    }

    @Override
    public long maxBodyBytes() {
        return MAX_BODY;
    }

    @Override
    public HttpResult handle(HttpCall call) throws Exception {
        if (tokenHash == null) {
            return HttpResult.error(503, "webhooks are disabled: the bot has no WEBHOOK_TOKEN set");
        }
        if (!authorized(call.header("authorization"))) {
            rejected.increment();
            return new HttpResult(401, "application/json; charset=utf-8",
                    "{\"ok\":false,\"error\":\"missing or wrong bearer token (Authorization: Bearer $WEBHOOK_TOKEN)\"}"
                            .getBytes(StandardCharsets.UTF_8), Map.of("WWW-Authenticate", "Bearer"));
        }
        List<Alert> alerts;
        try {
            alerts = parser.parse(source, call.body());
        } catch (InvalidPayload e) {
            rejected.increment();
            return HttpResult.error(400, "not a valid " + source.id() + " payload: " + e.getMessage());
        }
        IntakeResult r = intake.receive(alerts);
        received.increment(alerts.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("received", r.received());
        body.put("duplicates", r.duplicates());
        body.put("changed", r.changed());
        body.put("declared", r.declared());
        body.put("updated", r.attached());
        body.put("resolved", r.resolved());
        body.put("compactPosts", r.compact());
        return HttpResult.json(200, JSON.writeValueAsString(body));
    }

    /** Hashing both sides first makes the comparison constant-time in the length too. */
    private boolean authorized(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = sha256(header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(given, tokenHash);
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
