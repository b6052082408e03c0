package dev.incidentbot.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt middleware that lets each Slack event through once across all replicas: its {@code event_id} is inserted into
 * {@code slack_deliveries} before handling, and an event whose key exists is only acknowledged. This covers
 * Events API retries ({@code X-Slack-Retry-Num}, same event_id) and Socket Mode redeliveries to another replica's
 * connection, which come in a new envelope with the same event_id; Bolt's SocketModeApp does not hand the envelope_id
 * to middleware, and a new envelope_id would not catch a redelivery anyway. A failed handling gives the key back so
 * Slack's retry is handled; a replica that dies mid-handling leaves the key, and that delivery is then not retried.
 */
final class OnceOnly implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(OnceOnly.class);
    static final Duration KEEP = Duration.ofDays(1);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final Jdbi jdbi;
    private final Clock clock;
    private final String replica;
    private final AtomicReference<Instant> lastPrune = new AtomicReference<>(Instant.MIN);

    OnceOnly(Jdbi jdbi, Clock clock, String replica) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.replica = replica;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        String key = key(req);
        if (key == null) {
            return chain.next(req);
        }
        Instant now = clock.instant();
        if (!take(key, now)) {
            log.info("Slack delivery {} already taken (a retry or a redelivery); acknowledged only", key);
            return Response.ok();
        }
        prune(now);
        Response out;
        try {
            out = chain.next(req);
        } catch (Exception | Error e) {
            giveBack(key);
            throw e;
        }
        if (out != null && out.getStatusCode() != null && out.getStatusCode() >= 500) {
            giveBack(key);
        }
        return out;
    }

    private boolean take(String key, Instant now) {
        try {
            return jdbi.withExtension(SlackDeliveries.class, d -> d.take(key, now, replica)) == 1;
        } catch (UnableToExecuteStatementException e) {
            // two replicas inserting the same key at once: the loser hits the primary key
            if (isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    private void giveBack(String key) {
        try {
            jdbi.useExtension(SlackDeliveries.class, d -> d.giveBack(key, replica));
        } catch (RuntimeException e) {
            log.warn("could not give back Slack delivery {}; its retry will be acknowledged only", key, e);
        }
    }

    private void prune(Instant now) {
        Instant last = lastPrune.get();
        if (Duration.between(last.equals(Instant.MIN) ? now.minus(PRUNE_EVERY) : last, now).compareTo(PRUNE_EVERY) >= 0
                && lastPrune.compareAndSet(last, now)) {
            int n = jdbi.withExtension(SlackDeliveries.class, d -> d.prune(now.minus(KEEP)));
            if (n > 0) {
                log.debug("pruned {} Slack delivery keys older than a day", n);
            }
        }
    }

    /**
     * The id Slack keeps across retries and redeliveries, or null. Only Events API deliveries are retried (HTTP
     * {@code X-Slack-Retry-Num}, Socket Mode {@code retry_attempt}); slash commands and interactions are not: a
     * missed 3 s acknowledgement shows the person an error instead, and the person's next try is a new request.
     */
    static String key(Request<?> req) {
        if (req instanceof EventRequest e) {
            String id = eventId(e.getRequestBodyAsString());
            return id == null ? null : "event:" + id;
        }
        return null;
    }

    private static String eventId(String body) {
        try {
            com.fasterxml.jackson.databind.JsonNode id = JSON.readTree(body).get("event_id");
            return id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > 180 ? null : id.asText();
        } catch (java.io.IOException | RuntimeException e) {
            return null; // not ours to judge; Bolt answers it
        }
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
