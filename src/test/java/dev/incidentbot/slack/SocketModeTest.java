package dev.incidentbot.slack;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.slack.blocks.IncidentBlocks;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.FakeSocketModeServer;
import dev.incidentbot.support.FakeSocketModeServer.Ack;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket Mode against a real WebSocket server in the test JVM playing Slack's side: hello, the three envelope kinds
 * acked by envelope_id within 3 s, refresh and dropped sockets, garbage frames, and the real state in /health and /metrics.
 */
@BothStores
class SocketModeTest {
    private final TestStore store;

    SocketModeTest(TestStore store) {
        this.store = store;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ACK = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Map<String, String> SOCKET_MODE = Map.of("SLACK_APP_TOKEN", "xapp-1-test", "SLACK_SIGNING_SECRET", "");

    @TempDir
    Path dir;
    FakeSlackApi slack;
    FakeSocketModeServer socket;
    TestBot bot;

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
        if (socket != null) {
            socket.close();
        }
        slack.close();
    }

    private void startWithSocket() throws Exception {
        socket = new FakeSocketModeServer();
        slack = new FakeSlackApi().socketUrl(socket.urls());
        bot = TestBot.start(store, dir, slack, new MutableClock(Instant.now()), SOCKET_MODE);
        assertThat(socket.awaitConnects(1, WAIT)).as("the bot opens the WebSocket it was given").isTrue();
        assertThat(awaitHealth("connected")).isTrue();
    }

    private JsonNode command(String text, String responseUrl) {
        return JSON.valueToTree(Map.of("token", "x", "team_id", "T0TEAM", "channel_id", "C0INCIDENT", "user_id", "U0ALICE",
                "command", "/incident", "text", text, "response_url", responseUrl, "trigger_id", "trig-cmd"));
    }

    private Ack acked(String envelopeId) throws InterruptedException {
        Ack ack = socket.awaitAck(envelopeId, ACK.plusSeconds(2)).orElseThrow(() -> new AssertionError("no ack for " + envelopeId));
        assertThat(ack.millis()).as("acked within Slack's 3 s").isLessThan(ACK.toMillis());
        return ack;
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bot.url(path))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private boolean awaitHealth(String state) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (get("/health").contains("\"socket\":\"" + state + "\"")) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The help command is answered in the ack's payload: proves the session works end to end. */
    private void helpIsAnswered() throws Exception {
        Ack ack = acked(socket.send("slash_commands", command("help", slack.responseUrl("help"))));
        assertThat(ack.payload()).isNotNull();
        assertThat(ack.payload().toString()).contains("declare", "resolve");
    }

    @Test
    void slashCommandsEventsAndInteractionsAreAckedByEnvelopeIdWithinThreeSeconds() throws Exception {
        startWithSocket();
        assertThat(slack.calls("apps.connections.open").get(0).auth()).isEqualTo("Bearer xapp-1-test");

        helpIsAnswered();
        String declare = socket.send("slash_commands", command("declare Socket checkout errors sev2", slack.responseUrl("d")));
        assertThat(acked(declare).payload()).as("slow work runs after an empty ack").isNull();
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("Socket checkout errors"), WAIT);
        var incident = bot.bot.incidents().listOpen().get(0);

        JsonNode event = JSON.valueToTree(Map.of("token", "x", "team_id", "T0TEAM", "api_app_id", "A0BOT", "type", "event_callback",
                "event_id", "EvSock1", "event_time", 1772445600, "event", Map.of("type", "message", "channel", "C0INCIDENT",
                        "user", "U0BOB", "text", "looking", "ts", "1772445600.000100", "event_ts", "1772445600.000100")));
        acked(socket.send("events_api", event));

        JsonNode click = JSON.valueToTree(Map.of("type", "block_actions", "user", Map.of("id", "U0BOB", "username", "bob", "team_id", "T0TEAM"),
                "team", Map.of("id", "T0TEAM"), "api_app_id", "A0BOT", "trigger_id", "trig-sock", "token", "x",
                "channel", Map.of("id", "C0INCIDENT"), "actions", List.of(Map.of("action_id", IncidentBlocks.ACTION_RESOLVE,
                        "block_id", "incident_actions", "type", "button", "value", incident.id(), "action_ts", "1.2"))));
        acked(socket.send("interactive", click));
        var open = slack.await(c -> c.method().equals("views.open"), WAIT);
        assertThat(open.param("trigger_id")).isEqualTo("trig-sock");

        JsonNode submit = JSON.valueToTree(Map.of("type", "view_submission", "user", Map.of("id", "U0BOB"), "team", Map.of("id", "T0TEAM"),
                "api_app_id", "A0BOT", "token", "x", "view", Map.of("id", "V1", "type", "modal", "callback_id", SlackApp.RESOLVE_MODAL,
                        "private_metadata", incident.id(), "state", Map.of("values", Map.of("text_block",
                                Map.of("text", Map.of("type", "plain_text_input", "value", "Rolled back over the socket")))))));
        acked(socket.send("interactive", submit));
        assertThat(bot.bot.incidents().get(incident.id()).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(socket.otherFrames()).as("the bot sends nothing but acks").isEmpty();
    }

    @Test
    void comesBackAfterARefreshAndADroppedSocketAndHealthFollowsTheSocket() throws Exception {
        startWithSocket();
        assertThat(get("/metrics")).contains("incidentbot_slack_socket_connected 1.0");

        int opens = slack.calls("apps.connections.open").size();
        socket.requestRefresh();
        assertThat(socket.awaitConnects(2, WAIT)).as("a new connection after refresh_requested").isTrue();
        assertThat(slack.calls("apps.connections.open")).as("a fresh URL for it").hasSize(opens + 1);
        helpIsAnswered();

        socket.drop();
        assertThat(awaitHealth("disconnected")).as("/health says so while the socket is down").isTrue();
        assertThat(get("/metrics")).contains("incidentbot_slack_socket_connected 0.0");
        assertThat(socket.awaitConnects(3, WAIT)).as("a new connection after a dropped socket").isTrue();
        assertThat(awaitHealth("connected")).isTrue();
        helpIsAnswered();
        assertThat(get("/metrics")).contains("incidentbot_slack_socket_connected 1.0", "incidentbot_slack_socket_sessions_total 3.0");
    }

    @Test
    void garbageFramesAreShruggedOff() throws Exception {
        startWithSocket();
        socket.sendRaw("this is not json");
        socket.sendRaw("{\"envelope_id\":\"garbage-1\",\"type\":\"slash_commands\",\"payload\":{\"command\":");
        socket.sendRaw("{\"envelope_id\":\"garbage-2\",\"type\":\"slash_commands\",\"payload\":\"not an object\"}");
        socket.sendRaw("[1,2,3]");
        helpIsAnswered();
        assertThat(socket.connects()).as("still the first connection").hasSize(1);
        assertThat(get("/health")).contains("\"socket\":\"connected\"");
    }

    @Test
    void aSocketThatNeverOpensIsReportedDownNotConnected() throws Exception {
        // Slack answers apps.connections.open without a URL (as the old fake did): no WebSocket can open.
        slack = new FakeSlackApi();
        bot = TestBot.start(store, dir, slack, new MutableClock(Instant.now()), SOCKET_MODE);
        var open = slack.await(c -> c.method().equals("apps.connections.open"), WAIT);
        assertThat(open.auth()).isEqualTo("Bearer xapp-1-test");
        assertThat(awaitHealth("disconnected")).isTrue();
        String health = get("/health");
        assertThat(health).contains("\"status\":\"ok\"", "\"slack\":\"socket-mode\"");
        assertThat(get("/metrics")).contains("incidentbot_slack_socket_connected 0.0");
        HttpResponse<String> events = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bot.url("/slack/events")))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(events.statusCode()).as("no HTTP Slack endpoint in Socket Mode").isEqualTo(404);
    }
}
