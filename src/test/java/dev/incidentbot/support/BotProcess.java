package dev.incidentbot.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bot as a child JVM ({@code java -cp <this JVM's test class path> dev.incidentbot.Main serve}), as a user runs it:
 * settings from the environment, its own loopback port, a {@link FakeSlackApi} reached over HTTP, the store given
 * (H2 file or PostgreSQL). Tests kill it for real: {@link #kill9()} is SIGKILL, {@link #sigterm()} the graceful stop.
 */
public final class BotProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;
    private long logOffset;

    private BotProcess(Map<String, String> env, Path log, int port) {
        this.env = env;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a bot on {@code storeEnv} (DATABASE_URL…) talking to {@code slack}, its log in {@code dir}/{@code name}.log,
     * and waits until /health answers 200. {@code extra} overrides settings (REMINDER_INTERVAL, SLACK_BOT_TOKEN, …).
     */
    public static BotProcess start(String name, Path dir, FakeSlackApi slack, Map<String, String> storeEnv,
                                   Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-test-token");
        env.put("SLACK_SIGNING_SECRET", TestBot.SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("INCIDENT_CHANNEL", "C0INCIDENT");
        env.put("BIND", "127.0.0.1");
        env.put("PORT", Integer.toString(freePort()));
        env.put("WEBHOOK_TOKEN", TestBot.WEBHOOK_TOKEN);
        env.putAll(storeEnv);
        env.putAll(extra);
        Files.createDirectories(dir);
        BotProcess bot = new BotProcess(env, dir.resolve(name + ".log"), Integer.parseInt(env.get("PORT")));
        bot.start();
        return bot;
    }

    /** (Re)starts the process with the same settings and port, appending to the same log; waits for /health. */
    public void start() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // surefire's manifest-only booter jar stands for the whole test class path; its real list is here
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-Xshare:auto", "-cp", cp, "dev.incidentbot.Main", "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        process = pb.start();
        awaitHealthy(Duration.ofSeconds(60));
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the bot exited with " + process.exitValue() + " before /health answered:\n" + logSinceStart());
            }
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("/health did not answer 200 within " + timeout + ":\n" + logSinceStart());
    }

    /** kill -9: the JVM gets no chance to run anything; asserts it died of SIGKILL (exit status 128 + 9). */
    public void kill9() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the bot died within 10 s of SIGKILL").isTrue();
        assertThat(process.exitValue()).as("exit status of a process killed by SIGKILL").isEqualTo(137);
    }

    /** Sends SIGTERM and waits up to {@code bound}; the exit code, or -1 when it was still running (then it is killed). */
    public Stopped sigterm(Duration bound) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy(); // SIGTERM on Linux
        boolean exited = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Stopped(-1, took);
        }
        return new Stopped(process.exitValue(), took);
    }

    /** How a graceful stop ended: the exit code (-1: did not exit in time) and how long it took. */
    public record Stopped(int exitCode, Duration took) {
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a webhook body with the bearer token, as Alertmanager does. */
    public HttpResponse<String> webhook(String source, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url("/webhooks/" + source))).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestBot.WEBHOOK_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A signed slash command, as Slack sends it. */
    public SlackRequests slack() {
        return new SlackRequests(url("/slack/events"), TestBot.SECRET, Clock.systemUTC());
    }

    /** What this process wrote to its log since its last start. */
    public String logSinceStart() throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(logOffset, all.length), (int) Math.max(0, all.length - logOffset), StandardCharsets.UTF_8);
    }

    /** Everything this bot wrote to its log, across restarts. */
    public String wholeLog() throws IOException {
        return Files.readString(log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
