package dev.incidentbot.support;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The real Prometheus Alertmanager (Debian's package) on loopback, clustering off, notifying one webhook. */
public final class Alertmanager implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final String base;

    private Alertmanager(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    /** The binary on PATH or at Debian's place, if installed. */
    public static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "prometheus-alertmanager");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        Path usual = Path.of("/usr/bin/prometheus-alertmanager");
        return Files.isExecutable(usual) ? Optional.of(usual) : Optional.empty();
    }

    /** Starts it with a one-second group wait, notifying {@code webhook} with a bearer token; waits until ready. */
    public static Alertmanager start(Path binary, Path dir, String webhook, String token) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("am.yml");
        Files.writeString(config, """
                route:
                  receiver: bot
                  group_by: ['alertname', 'service']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: bot
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """.formatted(webhook, token));
        Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile()).start();
        Alertmanager am = new Alertmanager(p, "http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (am.get("/-/ready") == 200) {
                return am;
            }
            Thread.sleep(100);
        }
        am.close();
        throw new AssertionError("Alertmanager was not ready within 20 s; see " + dir.resolve("am.log"));
    }

    /** Posts alerts (a JSON array) to its v2 API; fails the test unless it answers 200. */
    public void post(String alertsJson) throws Exception {
        int status = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alertsJson)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new AssertionError("Alertmanager answered " + status + " to the alerts");
        }
    }

    private int get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
