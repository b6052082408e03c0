package dev.incidentbot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PagerDuty's Events API v2, Jira Cloud's create-issue and GitHub's create-issue on one loopback port, answering as
 * their documentation says (202 / 201 bodies, 400 "invalid event", 401 without credentials). Every attempt is
 * recorded with the status it got, refused ones too; {@link #failNext} scripts outages (503, 429 with Retry-After).
 */
public final class ServiceStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request and the status it was answered with. */
    public record Call(String path, Map<String, List<String>> headers, String body, int status) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A scripted failure: the status, the Retry-After header (or null) and the body. */
    public record Failure(int status, String retryAfter, String body) {
    }

    public final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Failure> failures = new ConcurrentLinkedDeque<>();
    private final AtomicInteger jiraNumber = new AtomicInteger();
    private final AtomicInteger githubNumber = new AtomicInteger();
    private final HttpServer server;
    private volatile String jiraAuth;
    private volatile String githubToken;

    public ServiceStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String path = ex.getRequestURI().getPath();
            Map<String, List<String>> headers = Map.copyOf(ex.getRequestHeaders());
            Failure f = failures.pollFirst();
            int status;
            String answer;
            if (f != null) {
                status = f.status();
                answer = f.body();
                if (f.retryAfter() != null) {
                    ex.getResponseHeaders().add("Retry-After", f.retryAfter());
                }
            } else {
                String[] out = answer(path, headers, body);
                status = Integer.parseInt(out[0]);
                answer = out[1];
            }
            calls.add(new Call(path, headers, body, status));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(bytes);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Jira accepts only this user:token from now on (basic auth). */
    public ServiceStandIn jiraAccepts(String user, String token) {
        jiraAuth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** GitHub accepts only this bearer token from now on. */
    public ServiceStandIn githubAccepts(String token) {
        githubToken = token;
        return this;
    }

    /** The next requests (any path) get these answers, in order, before the documented ones resume. */
    public void failNext(Failure... next) {
        failures.addAll(List.of(next));
    }

    public List<Call> calls(String path) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.path().equals(path)).toList();
        }
    }

    private String[] answer(String path, Map<String, List<String>> headers, String body) {
        Call probe = new Call(path, headers, body, 0);
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            return new String[] {"400", "{\"message\":\"Problems parsing JSON\"}"};
        }
        if (path.equals("/v2/enqueue")) {
            return pagerDuty(req);
        }
        if (path.equals("/rest/api/3/issue")) {
            if (jiraAuth == null || !jiraAuth.equals(probe.header("Authorization"))) {
                return new String[] {"401", "{\"errorMessages\":[\"You are not authenticated.\"],\"errors\":{}}"};
            }
            JsonNode f = req.path("fields");
            if (f.path("project").path("key").asText("").isEmpty() || f.path("summary").asText("").isEmpty()
                    || f.path("issuetype").path("name").asText("").isEmpty() || !f.path("description").isObject()) {
                return new String[] {"400", "{\"errorMessages\":[],\"errors\":{\"summary\":\"You must specify a summary of the issue.\"}}"};
            }
            int n = jiraNumber.incrementAndGet();
            String key = f.path("project").path("key").asText() + "-" + n;
            return new String[] {"201", "{\"id\":\"" + (10000 + n) + "\",\"key\":\"" + key + "\",\"self\":\"" + url()
                    + "/rest/api/3/issue/" + (10000 + n) + "\"}"};
        }
        if (path.matches("/repos/[^/]+/[^/]+/issues")) {
            if (githubToken == null || !("Bearer " + githubToken).equals(probe.header("Authorization"))) {
                return new String[] {"401", "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}"};
            }
            if (req.path("title").asText("").isEmpty()) {
                return new String[] {"422", "{\"message\":\"Validation Failed\"}"};
            }
            int n = githubNumber.incrementAndGet();
            String repo = path.substring("/repos/".length(), path.length() - "/issues".length());
            return new String[] {"201", "{\"number\":" + n + ",\"html_url\":\"https://github.com/" + repo + "/issues/" + n + "\"}"};
        }
        return new String[] {"404", "{\"message\":\"Not Found\"}"};
    }

    private static String[] pagerDuty(JsonNode ev) {
        List<String> errors = new ArrayList<>();
        if (ev.path("routing_key").asText("").isEmpty()) {
            errors.add("'routing_key' is missing or blank");
        }
        String action = ev.path("event_action").asText("");
        if (!List.of("trigger", "acknowledge", "resolve").contains(action)) {
            errors.add("'event_action' is invalid");
        }
        if (action.equals("trigger")) {
            for (String k : List.of("summary", "source", "severity")) {
                if (ev.path("payload").path(k).asText("").isEmpty()) {
                    errors.add("'payload." + k + "' is missing or blank");
                }
            }
            if (!List.of("critical", "error", "warning", "info").contains(ev.path("payload").path("severity").asText())) {
                errors.add("'payload.severity' is invalid");
            }
        } else if (ev.path("dedup_key").asText("").isEmpty()) {
            errors.add("'dedup_key' is missing or blank");
        }
        if (!errors.isEmpty()) {
            return new String[] {"400", "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":"
                    + JSON.valueToTree(errors) + "}"};
        }
        return new String[] {"202", "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\""
                + ev.path("dedup_key").asText() + "\"}"};
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
