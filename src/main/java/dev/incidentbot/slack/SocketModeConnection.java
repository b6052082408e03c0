package dev.incidentbot.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket Mode link to Slack: opened in the background, re-opened by the SDK's session monitor after a refresh
 * or a dropped socket, and able to say whether it is really up (a hello on the socket, not a returned call).
 */
public final class SocketModeConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketModeConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What /health and /metrics report. */
    public enum State { CONNECTING, CONNECTED, DISCONNECTED }

    private final SocketModeApp socket;
    private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
    private final AtomicLong sessions = new AtomicLong();
    // Checking the socket pings and waits up to 3 s for the pong: never on the WebSocket's own threads.
    private final ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "socket-mode-check");
        t.setDaemon(true);
        return t;
    });
    private final Thread connector;
    private volatile SocketModeClient watched;
    private volatile boolean closed;

    private SocketModeConnection(String appToken, App app) throws IOException {
        this.socket = new SocketModeApp(appToken, app);
        this.connector = new Thread(this::connectUntilUp, "socket-mode-connect");
        connector.setDaemon(true);
    }

    /** Opens the socket in the background; webhooks, health and metrics keep serving while it connects. */
    public static SocketModeConnection start(String appToken, App app) throws IOException {
        SocketModeConnection c = new SocketModeConnection(appToken, app);
        c.connector.start();
        return c;
    }

    public State state() {
        return state.get();
    }

    /** How many sessions Slack has greeted with hello since the start (each reconnect adds one). */
    public long sessions() {
        return sessions.get();
    }

    /**
     * Retries getting a client (apps.connections.open may fail or answer without a URL) with backoff; once there is
     * one, the SDK's monitor owns reconnecting and this only tells whether the first connect really worked.
     */
    private void connectUntilUp() {
        long backoff = 1000;
        while (!closed && !Thread.currentThread().isInterrupted()) {
            try {
                socket.startAsync();
                SocketModeClient client = socket.getClient();
                watch(client);
                if (client.verifyConnection()) {
                    state.set(State.CONNECTED);
                    log.info("Socket Mode connected");
                } else {
                    state.set(State.DISCONNECTED);
                    log.warn("Socket Mode did not connect to {}; the session monitor keeps retrying", client.getWssUri());
                }
                return;
            } catch (Exception e) {
                state.set(State.DISCONNECTED);
                log.warn("Socket Mode connection failed ({}); retrying in {} s", e.getMessage(), backoff / 1000);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 60_000);
            }
        }
    }

    /** Hello marks a new session up; a close is checked against the client's current session (a refresh closes the old one). */
    private void watch(SocketModeClient client) {
        if (watched == client) {
            return;
        }
        watched = client;
        client.addWebSocketMessageListener(message -> {
            if (isHello(message)) {
                sessions.incrementAndGet();
                state.set(State.CONNECTED);
            }
        });
        client.addWebSocketCloseListener((code, reason) -> {
            try {
                checker.execute(() -> {
                    boolean up = !closed && client.verifyConnection();
                    state.set(up ? State.CONNECTED : State.DISCONNECTED);
                    if (!up) {
                        log.warn("Socket Mode session closed ({} {}); reconnecting", code, reason);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                state.set(State.DISCONNECTED); // closing down
            }
        });
    }

    private static boolean isHello(String message) {
        try {
            return "hello".equals(JSON.readTree(message).path("type").asText());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        if (closed) {
            return; // a stop closes it first, before the work pool drains, and once more with everything else
        }
        closed = true;
        connector.interrupt();
        SocketModeClient client = socket.getClient();
        if (client != null) {
            client.close(); // stops the session monitor too, which SocketModeApp.close leaves running when the socket is down
        }
        socket.close();
        checker.shutdownNow();
        state.set(State.DISCONNECTED);
    }
}
