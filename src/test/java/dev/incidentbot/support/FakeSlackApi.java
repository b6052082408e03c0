package dev.incidentbot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An in-process stand-in for the Slack Web API on loopback (the Java twin of shared/acceptance/fake_slack.py):
 * records every attempt with its time and answer, answers like Slack, serves files, takes uploads, can refuse the
 * first chat calls, and hands out a Socket Mode URL when given one.
 */
public final class FakeSlackApi implements AutoCloseable {
    /**
     * One recorded attempt: the method (or "response_url", "upload", "GET /files/x"), its parameters, auth header,
     * the HTTP status it was answered with (429/503 for refused ones), the Slack error of an "ok": false answer
     * (null when ok) and when it arrived.
     */
    public record Call(String method, JsonNode params, String auth, String raw, int status, String error, Instant at) {
        Call(String method, JsonNode params, String auth, String raw) {
            this(method, params, auth, raw, 200, null, Instant.now());
        }

        public boolean accepted() {
            return status == 200 && error == null;
        }

        public String param(String name) {
            JsonNode n = params.get(name);
            return n == null || n.isNull() ? null : n.isTextual() ? n.asText() : n.toString();
        }

        /** Everything shown to people in this call, as one string (text and blocks). */
        public String shown() {
            return params.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Messages Slack accepted, as conversations.history and conversations.replies give them back (metadata included). */
    private final List<Posted> posted = new CopyOnWriteArrayList<>();

    private record Posted(String channel, String ts, String threadTs, JsonNode metadata) { }
    private final AtomicInteger counter = new AtomicInteger(1);
    private final AtomicInteger throttle = new AtomicInteger();
    private final AtomicInteger fail = new AtomicInteger();
    private volatile Path serveDir;
    private volatile String retryAfter = "1";
    private final java.util.Map<String, List<Call>> responses = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.time.Duration responseDelay = java.time.Duration.ZERO;
    private volatile Supplier<String> socketUrl;
    private final java.util.Map<String, String> refusedChannels = new java.util.concurrent.ConcurrentHashMap<>();

    public FakeSlackApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public String apiUrl() {
        return base() + "/api/";
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String responseUrl(String name) {
        return base() + "/response/" + name;
    }

    public FakeSlackApi throttleFirst(int n) {
        throttle.set(n);
        return this;
    }

    public FakeSlackApi failFirst(int n) {
        fail.set(n);
        return this;
    }

    /** Every response_url answer waits this long first, as a Slack far away or busy does. */
    public FakeSlackApi slowResponses(java.time.Duration delay) {
        this.responseDelay = delay;
        return this;
    }

    /** The Retry-After header sent with each 429 (seconds, or any text to test bad values). */
    public FakeSlackApi retryAfter(String value) {
        this.retryAfter = value;
        return this;
    }

    /** Every chat.* call to CHANNEL is answered 200 with {"ok":false,"error":ERROR}, as Slack does for channel_not_found. */
    public FakeSlackApi refuseChannel(String channel, String error) {
        refusedChannels.put(channel, error);
        return this;
    }

    /** apps.connections.open answers with this URL (a fresh one per call, as Slack does); without it, with no URL. */
    public FakeSlackApi socketUrl(Supplier<String> url) {
        this.socketUrl = url;
        return this;
    }

    public FakeSlackApi serveDir(Path dir) {
        this.serveDir = dir;
        return this;
    }

    /** The answers posted to {@link #responseUrl}{@code (name)}, in order. */
    public List<Call> responses(String name) {
        return List.copyOf(responses.getOrDefault(name, List.of()));
    }

    /** The calls Slack accepted (refused attempts are left out; see {@link #attempts}). */
    public List<Call> calls() {
        return calls.stream().filter(Call::accepted).toList();
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.accepted() && c.method().equals(method)).toList();
    }

    /** Every attempt at a method, also the refused ones, in arrival order. */
    public List<Call> attempts(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits for a call that matches; fails the test with what was seen when none comes in time. */
    public Call await(Predicate<Call> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Call c : calls) {
                if (c.accepted() && match.test(c)) {
                    return c;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching Slack call within " + timeout + "; saw " + calls.stream().map(Call::method).toList());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] raw = ex.getRequestBody().readAllBytes();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if ("GET".equals(ex.getRequestMethod()) && path.startsWith("/files/") && serveDir != null) {
                Path f = serveDir.resolve(Path.of(path.substring("/files/".length())).getFileName().toString());
                if (Files.isRegularFile(f)) {
                    calls.add(new Call("GET " + path, JSON.createObjectNode(), auth, ""));
                    byte[] data = Files.readAllBytes(f);
                    ex.sendResponseHeaders(200, data.length);
                    ex.getResponseBody().write(data);
                    return;
                }
                send(ex, 404, "{\"ok\":false,\"error\":\"not_found\"}");
                return;
            }
            if (path.startsWith("/upload/")) {
                boolean png = raw.length > 8 && raw[0] == (byte) 0x89 && raw[1] == 'P' && raw[2] == 'N' && raw[3] == 'G';
                ObjectNode p = JSON.createObjectNode().put("content", new String(raw, StandardCharsets.UTF_8))
                        .put("bytes", raw.length).put("png", png);
                calls.add(new Call("upload", p, auth, new String(raw, StandardCharsets.UTF_8)));
                send(ex, 200, "OK");
                return;
            }
            if (!path.startsWith("/api/")) {
                JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
                Call answer = new Call("response_url", body, auth, new String(raw, StandardCharsets.UTF_8));
                calls.add(answer);
                responses.computeIfAbsent(path.substring(path.lastIndexOf('/') + 1),
                        k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(answer);
                if (!responseDelay.isZero()) {
                    try {
                        Thread.sleep(responseDelay.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                send(ex, 200, "{\"ok\":true}");
                return;
            }
            String method = path.substring(path.lastIndexOf('/') + 1);
            ObjectNode params = params(ex, raw);
            if (auth == null && params.has("token")) {
                auth = "Bearer " + params.remove("token").asText();
            }
            String text = new String(raw, StandardCharsets.UTF_8);
            // Refusals are recorded too, with their time, so tests can count attempts and measure the waits between them.
            if (method.startsWith("chat.") && throttle.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                calls.add(new Call(method, params, auth, text, 429, "ratelimited", Instant.now()));
                ex.getResponseHeaders().add("Retry-After", retryAfter);
                send(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
                return;
            }
            if (method.startsWith("chat.") && fail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                calls.add(new Call(method, params, auth, text, 503, "service_unavailable", Instant.now()));
                send(ex, 503, "{\"ok\":false,\"error\":\"service_unavailable\"}");
                return;
            }
            String refused = method.startsWith("chat.") ? refusedChannels.get(params.path("channel").asText()) : null;
            if (refused != null) {
                calls.add(new Call(method, params, auth, text, 200, refused, Instant.now()));
                send(ex, 200, JSON.createObjectNode().put("ok", false).put("error", refused).toString());
                return;
            }
            calls.add(new Call(method, params, auth, text));
            send(ex, 200, answer(method, params).toString());
        }
    }

    private ObjectNode params(HttpExchange ex, byte[] raw) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.contains("json")) {
            return raw.length == 0 ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(raw);
        }
        ObjectNode p = JSON.createObjectNode();
        for (String pair : new String(raw, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if ((k.equals("blocks") || k.equals("attachments") || k.equals("view") || k.equals("files")) && v.startsWith("[") || v.startsWith("{")) {
                try {
                    p.set(k, JSON.readTree(v));
                    continue;
                } catch (IOException ignored) {
                    // keep as text
                }
            }
            p.put(k, v);
        }
        return p;
    }

    private ObjectNode answer(String method, ObjectNode params) {
        ObjectNode o = JSON.createObjectNode().put("ok", true);
        String channel = params.has("channel") ? params.get("channel").asText() : "C0INCIDENT";
        String ts = (System.currentTimeMillis() / 1000) + "." + String.format("%06d", counter.getAndIncrement());
        switch (method) {
            case "chat.postMessage", "chat.update", "chat.postEphemeral" -> {
                o.put("channel", channel).put("ts", params.has("ts") ? params.get("ts").asText() : ts);
                o.putObject("message").put("ts", ts).put("bot_id", "B0BOT");
                if (method.equals("chat.postMessage")) {
                    posted.add(new Posted(channel, ts, params.hasNonNull("thread_ts") ? params.get("thread_ts").asText() : null,
                            params.get("metadata")));
                }
            }
            case "conversations.history", "conversations.replies" -> {
                String thread = method.equals("conversations.replies") ? params.path("ts").asText() : null;
                double oldest = params.has("oldest") ? Double.parseDouble(params.get("oldest").asText()) : 0;
                boolean withMetadata = List.of("true", "1").contains(params.path("include_all_metadata").asText());
                var messages = o.putArray("messages");
                for (Posted m : posted) {
                    boolean inPlace = thread == null ? m.threadTs() == null : thread.equals(m.ts()) || thread.equals(m.threadTs());
                    if (m.channel().equals(channel) && inPlace && Double.parseDouble(m.ts()) >= oldest) {
                        ObjectNode msg = messages.addObject().put("type", "message").put("ts", m.ts()).put("bot_id", "B0BOT");
                        if (withMetadata && m.metadata() != null) {
                            msg.set("metadata", m.metadata());
                        }
                    }
                }
                o.put("has_more", false);
            }
            case "conversations.create" -> o.putObject("channel").put("id", "C0NEW" + counter.getAndIncrement())
                    .put("name", params.path("name").asText());
            case "files.info" -> {
                String fid = params.path("file").asText();
                String name = fid.startsWith("F_") ? fid.substring(2) : fid;
                o.putObject("file").put("id", fid).put("name", name).put("size", 1)
                        .put("url_private", base() + "/files/" + name).put("url_private_download", base() + "/files/" + name);
            }
            case "files.getUploadURLExternal" -> o.put("upload_url", base() + "/upload/F0UPLOAD").put("file_id", "F0UPLOAD");
            case "files.completeUploadExternal" -> o.putArray("files").addObject().put("id", "F0UPLOAD");
            case "apps.connections.open" -> {
                Supplier<String> url = socketUrl;
                if (url != null) {
                    o.put("url", url.get());
                }
            }
            case "auth.test" -> o.put("user_id", "U0BOT").put("bot_id", "B0BOT").put("team_id", "T0TEAM");
            default -> { }
        }
        return o;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
