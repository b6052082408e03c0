package dev.incidentbot.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server (Jetty 12, core handlers, no servlets): routes calls to {@link Route}s, caps bodies (413),
 * hides failures behind a reference id (500), and times every request for /metrics by route and status.
 */
public final class JettyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JettyServer.class);
    private final Server server;
    private final ServerConnector connector;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final MeterRegistry metrics;
    /** Requests inside serve() now; a graceful stop waits for them. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean stopping;

    public JettyServer(String bind, int port, List<Route> routeList, MeterRegistry metrics) {
        this.metrics = metrics;
        for (Route r : routeList) {
            routes.put(r.method() + " " + r.path(), r);
        }
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("http");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(bind);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
    }

    public void start() throws Exception {
        server.start();
        log.info("HTTP listening on {}:{}", connector.getHost(), connector.getLocalPort());
    }

    public int port() {
        return connector.getLocalPort();
    }

    /**
     * The first half of a graceful stop: from now on only routes that answer while stopping (/health, which says so)
     * are served and every other request gets 503 at once; then waits up to {@code bound} for the requests already
     * inside to finish. True when none is left. The connector stays open so /health can tell callers why.
     */
    public boolean drain(java.time.Duration bound) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + bound.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() >= deadline) {
                log.warn("{} requests still running when the stop went on", inFlight.get());
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private void serve(Request request, Response response, Callback callback) {
        inFlight.incrementAndGet();
        try {
            serveCounted(request, response, callback);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void serveCounted(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Route route = routes.get(method + " " + path);
        String routeTag = route == null ? (knownPath(path) ? path : "unmatched") : route.path();
        HttpResult result;
        try {
            if (stopping && (route == null || !route.answersWhileStopping())) {
                // a replica on its way out: the caller (load balancer, Alertmanager, Slack) retries elsewhere
                result = HttpResult.error(503, "this replica is stopping; try another");
            } else if (route == null) {
                result = knownPath(path) ? HttpResult.error(405, "method not allowed") : HttpResult.error(404, "no such endpoint");
            } else {
                byte[] body = readBody(request, route.maxBodyBytes());
                result = body == null ? HttpResult.error(413, "body larger than " + route.maxBodyBytes() + " bytes")
                        : route.handle(new HttpCall(method, path, query(request), headers(request), body, remote(request)));
            }
        } catch (Exception e) {
            String ref = java.util.UUID.randomUUID().toString().substring(0, 8);
            log.error("{} {} failed [ref {}]", method, path, ref, e);
            result = HttpResult.error(500, "internal error, reference " + ref);
        }
        response.setStatus(result.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, result.contentType());
        result.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        Timer.builder("http.server.requests").description("HTTP requests by route and status")
                .tags("route", routeTag, "method", method, "status", Integer.toString(result.status()))
                .publishPercentileHistogram(false).register(metrics)
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        response.write(true, ByteBuffer.wrap(result.body()), callback);
    }

    private boolean knownPath(String path) {
        return routes.values().stream().anyMatch(r -> r.path().equals(path));
    }

    /** Reads at most {@code max} bytes; null when the body is larger (checked against Content-Length first). */
    private static byte[] readBody(Request request, long max) throws IOException {
        long declared = request.getLength();
        if (declared > max) {
            return null;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            return body.length > max ? null : body;
        }
    }

    private static Map<String, String> headers(Request request) {
        Map<String, String> out = new HashMap<>();
        for (HttpField f : request.getHeaders()) {
            out.putIfAbsent(f.getName().toLowerCase(Locale.ROOT), f.getValue());
        }
        return out;
    }

    private static Map<String, List<String>> query(Request request) {
        Map<String, List<String>> out = new HashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field f : fields) {
            out.put(f.getName(), new ArrayList<>(f.getValues()));
        }
        return out;
    }

    private static String remote(Request request) {
        var addr = Request.getRemoteAddr(request);
        return addr == null ? "" : addr;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
