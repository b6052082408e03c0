package dev.incidentbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first half of a graceful stop over real HTTP: requests inside finish, new ones get 503, /health says "stopping". */
class JettyServerDrainTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private JettyServer server;

    /** POST /slow: waits until the test releases it, then answers 200. */
    private final Route slow = new Route() {
        public String method() {
            return "POST";
        }

        public String path() {
            return "/slow";
        }

        public HttpResult handle(HttpCall call) throws Exception {
            entered.countDown();
            assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
            return HttpResult.json(200, "{\"ok\":true}");
        }
    };

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDrainingServerFinishesWhatItTookRefusesNewCallsAndSaysSoOnHealth() throws Exception {
        server = new JettyServer("127.0.0.1", 0, List.of(slow, new HealthEndpoint(() -> true, "http", null, stopping::get)),
                new SimpleMeterRegistry());
        server.start();
        assertThat(send("GET", "/health").statusCode()).isEqualTo(200);

        CompletableFuture<HttpResponse<String>> inside = CompletableFuture.supplyAsync(() -> {
            try {
                return send("POST", "/slow");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the slow request is inside").isTrue();
        stopping.set(true);
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return server.drain(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> late = send("POST", "/slow");
        while (late.statusCode() != 503 && System.nanoTime() < deadline) {
            late = send("POST", "/slow");
        }
        assertThat(late.statusCode()).as("a request arriving while draining").isEqualTo(503);
        assertThat(late.body()).contains("stopping");
        HttpResponse<String> health = send("GET", "/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"status\":\"stopping\"");
        assertThat(drained).as("the drain waits for the request inside").isNotDone();

        release.countDown();
        assertThat(inside.get(10, TimeUnit.SECONDS).statusCode()).as("the request taken before the stop").isEqualTo(200);
        assertThat(drained.get(10, TimeUnit.SECONDS)).as("drained: nothing left inside").isTrue();
    }

    @Test
    void theDrainGivesUpAfterItsBound() throws Exception {
        server = new JettyServer("127.0.0.1", 0, List.of(slow), new SimpleMeterRegistry());
        server.start();
        CompletableFuture.runAsync(() -> {
            try {
                send("POST", "/slow");
            } catch (Exception e) {
                // released at the end of the test
            }
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        assertThat(server.drain(Duration.ofMillis(300))).as("a request still inside after the bound").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
    }
}
