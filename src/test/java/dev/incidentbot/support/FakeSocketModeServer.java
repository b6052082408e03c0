package dev.incidentbot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's side of Socket Mode on loopback (the Java twin of fake_slack.py --socket-port): greets each connection with
 * hello, sends envelopes and raw frames to the newest connection, records connects, closes and acks with their times.
 */
public final class FakeSocketModeServer implements AutoCloseable {
    /** An ack the bot sent: the envelope it answers, its payload (if any), and how long after the envelope it came. */
    public record Ack(String envelopeId, JsonNode payload, long millis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<WebSocket> connections = new CopyOnWriteArrayList<>();
    private final List<Instant> connects = new CopyOnWriteArrayList<>();
    private final List<Instant> closes = new CopyOnWriteArrayList<>();
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final List<String> otherFrames = new CopyOnWriteArrayList<>();
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Server server;

    public FakeSocketModeServer() throws InterruptedException {
        server = new Server();
        server.setReuseAddr(true);
        server.start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the Socket Mode stand-in did not start");
        }
    }

    /** A fresh wss-like URL per call, as apps.connections.open gives. */
    public Supplier<String> urls() {
        return () -> "ws://127.0.0.1:" + server.getPort() + "/link/?ticket=" + UUID.randomUUID();
    }

    public List<Instant> connects() {
        return new ArrayList<>(connects);
    }

    public List<Instant> closes() {
        return new ArrayList<>(closes);
    }

    public List<Ack> acks() {
        return new ArrayList<>(acks);
    }

    /** Frames from the bot that are not acks (there should be none). */
    public List<String> otherFrames() {
        return new ArrayList<>(otherFrames);
    }

    public int openConnections() {
        return (int) connections.stream().filter(WebSocket::isOpen).count();
    }

    /** Sends an envelope of TYPE with PAYLOAD to the newest connection; returns its envelope_id. */
    public String send(String type, JsonNode payload) {
        String id = UUID.randomUUID().toString();
        ObjectNode envelope = JSON.createObjectNode().put("envelope_id", id).put("type", type)
                .put("accepts_response_payload", !"events_api".equals(type));
        envelope.set("payload", payload);
        sentAt.put(id, System.nanoTime());
        sendRaw(envelope.toString());
        return id;
    }

    /** Sends any text as one frame to the newest open connection. */
    public void sendRaw(String frame) {
        newest().send(frame);
    }

    /** Asks the bot to reconnect, as Slack does before it rotates a server. */
    public void requestRefresh() {
        sendRaw("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\",\"debug_info\":{\"host\":\"fake\"}}");
    }

    /** Closes the newest connection without warning. */
    public void drop() {
        newest().close(1011, "dropped by the stand-in");
    }

    /** Waits for the ack of ENVELOPE_ID. */
    public Optional<Ack> awaitAck(String envelopeId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Ack> ack = acks.stream().filter(a -> envelopeId.equals(a.envelopeId())).findFirst();
            if (ack.isPresent()) {
                return ack;
            }
            Thread.sleep(10);
        }
        return Optional.empty();
    }

    /** Waits until at least N connections have been opened and the newest is open; false on timeout. */
    public boolean awaitConnects(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (connects.size() >= n && newestOpen()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private boolean newestOpen() {
        return !connections.isEmpty() && connections.get(connections.size() - 1).isOpen();
    }

    private WebSocket newest() {
        for (int i = connections.size() - 1; i >= 0; i--) {
            if (connections.get(i).isOpen()) {
                return connections.get(i);
            }
        }
        throw new AssertionError("no open Socket Mode connection");
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(1000);
    }

    private final class Server extends WebSocketServer {
        Server() {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            connections.add(conn);
            connects.add(Instant.now());
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0BOT\"}}");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            closes.add(Instant.now());
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            long now = System.nanoTime();
            try {
                JsonNode ack = JSON.readTree(message);
                String id = ack.path("envelope_id").asText(null);
                Long sent = id == null ? null : sentAt.get(id);
                if (sent != null) {
                    acks.add(new Ack(id, ack.get("payload"), TimeUnit.NANOSECONDS.toMillis(now - sent)));
                    return;
                }
            } catch (Exception e) {
                // not JSON: kept below as an unexpected frame
            }
            otherFrames.add(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            // a failed connection shows in connects/closes; nothing to do here
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
