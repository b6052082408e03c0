package dev.incidentbot.logsource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One HTTP exchange with a log store, bounded in time and size, its failures turned into one line for people. */
final class StoreHttp {
    /** No single page may be bigger than this, whatever the store sends: a guard against a runaway answer. */
    static final long MAX_BODY = 256L * 1024 * 1024;

    /** A store's answer: status and the whole body (one page). */
    record Answer(int status, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final String store;
    private final URI base;

    StoreHttp(HttpClient http, String store, URI base) {
        this.http = http;
        this.store = store;
        this.base = base;
    }

    /**
     * Sends the request and reads the whole body within {@code limits.readTimeout()}; the JDK's own request timeout
     * stops at the headers, so a store that sends headers and then stalls is bounded here as well.
     */
    Answer send(HttpRequest request, Limits limits, long maxBody) throws LogSourceException {
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, info -> new Bounded(maxBody));
        try {
            HttpResponse<byte[]> r = call.get(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(r.statusCode(), r.body());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw timedOut(limits);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new LogSourceException("the read from " + store + " was interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (has(c, TooLarge.class)) {
                throw new LogSourceException(store + " answered more than " + NdjsonSink.size(maxBody)
                        + " for one page (lower pageSize)");
            }
            if (has(c, HttpTimeoutException.class)) {
                throw timedOut(limits);
            }
            if (has(c, ConnectException.class)) {
                throw new LogSourceException(store + " at " + where() + " refused the connection or could not be reached");
            }
            // the exception's class says enough; its message may carry the URL, so it stays out
            throw new LogSourceException(store + " at " + where() + " could not be read ("
                    + (c == null ? "unknown error" : c.getClass().getSimpleName()) + ")");
        }
    }

    /** Whether the failure or one of its causes is of this kind (the JDK wraps its exceptions differently by path). */
    private static boolean has(Throwable t, Class<? extends Throwable> kind) {
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private LogSourceException timedOut(Limits limits) {
        long ms = limits.readTimeout().toMillis();
        return new LogSourceException(store + " at " + where() + " did not answer within "
                + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms"));
    }

    /** Host and port only: the configured URL may hold credentials. */
    String where() {
        return base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
    }

    /** One line for a refused request: the status and what it usually means, never the body (it may echo secrets). */
    String refused(int status, String hint404) {
        String why = switch (status) {
            case 400 -> " (the store rejected the query)";
            case 401 -> " (check the token or credentials)";
            case 403 -> " (the credentials may not read this)";
            case 404 -> " (" + hint404 + ")";
            case 429 -> " (too many requests; try later)";
            default -> status >= 500 ? " (server error)" : "";
        };
        return store + " answered HTTP " + status + why;
    }

    /** The spec's credentials and headers on a request: tenant, bearer token, API key or basic auth, then headers. */
    static HttpRequest.Builder authorize(HttpRequest.Builder b, SourceSpec spec) {
        if (spec.tenant() != null && !spec.tenant().isBlank()) {
            b.header("X-Scope-OrgID", spec.tenant());
        }
        if (spec.apiKey() != null && !spec.apiKey().isBlank()) {
            b.header("Authorization", "ApiKey " + spec.apiKey());
        } else if (spec.token() != null && !spec.token().isBlank()) {
            b.header("Authorization", "Bearer " + spec.token());
        } else if (spec.user() != null && !spec.user().isBlank()) {
            String pair = spec.user() + ":" + (spec.password() == null ? "" : spec.password());
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        // explicit headers win: a header named Authorization replaces the one made above
        spec.headers().forEach(b::setHeader);
        return b;
    }

    /** The base URL without a trailing slash, to append API paths to. */
    static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Raised inside the body reader when a page passes {@link #MAX_BODY}. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("body too large");
        }
    }

    /** Collects a body up to a size, cancelling the exchange as soon as it is passed. */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Bounded(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (buf.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buf.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buf.toByteArray());
        }
    }
}
