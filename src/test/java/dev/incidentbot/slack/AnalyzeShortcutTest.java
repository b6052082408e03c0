package dev.incidentbot.slack;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.TimelineKind;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.FakeSlackApi.Call;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.SlackRequests;
import dev.incidentbot.support.TestBot;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Analyze logs" message shortcut driven over HTTP as Slack sends it: the file's report, an incident's thread, a private error. */
@BothStores
class AnalyzeShortcutTest {
    private final TestStore store;

    AnalyzeShortcutTest(TestStore store) {
        this.store = store;
    }

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SEED_FILE = "F_seed-api-latency.json";
    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestBot bot;

    @BeforeEach
    void start() throws Exception {
        Path files = Files.createDirectories(dir.resolve("files"));
        try (var in = getClass().getResourceAsStream("/analysis/seed-api-latency.json")) {
            Files.write(files.resolve("seed-api-latency.json"), in.readAllBytes());
        }
        slack = new FakeSlackApi().serveDir(files);
        bot = TestBot.start(store, dir, slack, new MutableClock(Instant.now()), Map.of());
    }

    @AfterEach
    void stop() {
        bot.close();
        slack.close();
    }

    /** What Slack posts when someone picks the shortcut on a message; {@code message} is the message it was used on. */
    private HttpResponse<String> shortcut(Map<String, Object> message, String responseUrl) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "message_action");
        p.put("token", "x");
        p.put("action_ts", "1700000000.000100");
        p.put("team", Map.of("id", "T0TEAM", "domain", "example"));
        p.put("user", Map.of("id", "U0BOB", "name", "bob", "team_id", "T0TEAM"));
        p.put("channel", Map.of("id", "C0INCIDENT", "name", "incidents"));
        p.put("callback_id", AnalyzeShortcut.CALLBACK_ID);
        p.put("trigger_id", "trig-7");
        p.put("message_ts", message.get("ts"));
        p.put("response_url", responseUrl);
        p.put("message", message);
        return bot.requests.post(SlackRequests.actionBody(p), "application/x-www-form-urlencoded", null, false, null);
    }

    private static Map<String, Object> messageWithFile(String ts, String threadTs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "message");
        m.put("user", "U0ALICE");
        m.put("ts", ts);
        if (threadTs != null) {
            m.put("thread_ts", threadTs);
        }
        m.put("text", "here is the api log");
        m.put("files", List.of(Map.of("id", SEED_FILE, "name", "seed-api-latency.json")));
        return m;
    }

    private static void waitUntil(BooleanSupplier done, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aFileOnTheMessageIsDownloadedAnalysedAndTheReportPostedInTheChannel() throws Exception {
        assertThat(shortcut(messageWithFile("1700000000.000200", null), slack.responseUrl("s")).statusCode()).isEqualTo(200);

        Call report = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("Root cause"), WAIT);
        assertThat(report.param("channel")).isEqualTo("C0INCIDENT");
        assertThat(report.param("thread_ts")).isNull();
        assertThat(report.shown()).contains("modelVersion=v1.3", "Immediate action", "Prevention");
        assertThat(slack.calls()).anySatisfy(c -> {
            assertThat(c.method()).isEqualTo("GET /files/seed-api-latency.json");
            assertThat(c.auth()).isEqualTo("Bearer xoxb-test-token");
        });
        assertThat(slack.calls("response_url")).as("no error for a good file").isEmpty();
    }

    @Test
    void onAMessageInAnIncidentsThreadTheAnalysisIsRecordedOnThatIncidentAndPostedInItsThread() throws Exception {
        bot.requests.command("declare Lenders time out sev2", "U0ALICE", "C0INCIDENT", slack.responseUrl("d"));
        waitUntil(() -> bot.bot.incidents().listOpen().size() == 1 && bot.bot.incidents().listOpen().get(0).messageTs() != null,
                WAIT, "the announcement's ts");
        Incident incident = bot.bot.incidents().listOpen().get(0);
        String announcement = incident.messageTs();

        shortcut(messageWithFile("1700000000.000300", announcement), slack.responseUrl("t"));

        Call summary = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("v1.3")
                && announcement.equals(c.param("thread_ts")), WAIT);
        assertThat(summary.param("channel")).isEqualTo("C0INCIDENT");
        assertThat(summary.shown()).contains(incident.id());
        Incident after = bot.bot.incidents().get(incident.id());
        assertThat(after.rootCause()).contains("modelVersion=v1.3");
        assertThat(after.analysisJson()).contains("\"modelVersion\"");
        assertThat(bot.bot.incidents().timeline(incident.id())).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(TimelineKind.ANALYSIS);
            assertThat(e.actor()).isEqualTo("U0BOB");
        });
        assertThat(bot.bot.outbox().awaitIdle(5_000)).isTrue();
        assertThat(slack.calls("chat.postMessage")).as("the report goes to the incident's thread, not loose in the channel")
                .filteredOn(c -> c.shown().contains("v1.3")).allSatisfy(c -> assertThat(c.param("thread_ts")).isEqualTo(announcement));
    }

    @Test
    void aMessageWithNeitherAFileNorALogGetsAPrivateErrorAndNothingIsPosted() throws Exception {
        Map<String, Object> chat = Map.of("type", "message", "user", "U0ALICE", "ts", "1700000000.000400",
                "text", "Deploying the fix now, will report back");

        assertThat(shortcut(chat, slack.responseUrl("e")).statusCode()).isEqualTo(200);

        Call err = slack.await(c -> c.method().equals("response_url"), WAIT);
        assertThat(err.raw()).contains("⚠️").doesNotContain("Exception", "reference `");
        assertThat(err.param("response_type")).isEqualTo("ephemeral");
        assertThat(bot.bot.outbox().awaitIdle(5_000)).isTrue();
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }
}
