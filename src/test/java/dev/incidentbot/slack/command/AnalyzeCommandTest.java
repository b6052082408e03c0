package dev.incidentbot.slack.command;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.TimelineKind;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.FakeSlackApi.Call;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.TestBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /incident analyze end to end: pasted text and Slack files, reported in four parts, recorded on the incident. */
@BothStores
class AnalyzeCommandTest {
    private final TestStore store;

    AnalyzeCommandTest(TestStore store) {
        this.store = store;
    }

    private static final Duration WAIT = Duration.ofSeconds(15);
    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestBot bot;
    String seed;

    @BeforeEach
    void start() throws Exception {
        Path files = Files.createDirectories(dir.resolve("files"));
        seed = new String(getClass().getResourceAsStream("/analysis/seed-api-latency.json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(files.resolve("seed-api-latency.json"), seed);
        Files.writeString(files.resolve("junk.bin"), "\u0000\u0001\u0002 not a log at all");
        slack = new FakeSlackApi().serveDir(files);
        bot = TestBot.start(store, dir, slack, new MutableClock(Instant.now()), Map.of());
    }

    @AfterEach
    void stop() {
        bot.close();
        slack.close();
    }

    @Test
    void pastedSeedLogGivesTheFourPartReport() throws Exception {
        bot.requests.command("analyze ```" + seed + "```", "U0ALICE", "C0INCIDENT", slack.responseUrl("a"));
        Call report = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("Root cause"), WAIT);
        assertThat(report.shown()).contains("modelVersion=v1.3", "680", "890", "4 of 5", "Immediate action", "Roll back",
                "Prevention", "Retro notes", "8 records", "1 repaired");
        assertThat(report.param("channel")).isEqualTo("C0INCIDENT");
    }

    @Test
    void aSlackFileIsDownloadedWithTheBotTokenAndRecordedOnTheIncident() throws Exception {
        bot.requests.command("declare Lenders time out sev2", "U0ALICE", "C0INCIDENT", slack.responseUrl("d"));
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("Lenders time out"), WAIT);
        Incident i = bot.bot.incidents().listOpen().get(0);
        bot.requests.command("analyze " + i.id() + " F_seed-api-latency.json", "U0ALICE", "C0INCIDENT", slack.responseUrl("f"));
        Call report = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("Root cause"), WAIT);
        assertThat(report.shown()).contains("v1.3", "recorded as the root cause of " + i.id());
        assertThat(after(i).analysisJson()).contains("Slack file F_seed-api-latency.json").doesNotContain("incident-bot-", "/tmp");
        assertThat(slack.calls()).anySatisfy(c -> {
            assertThat(c.method()).isEqualTo("GET /files/seed-api-latency.json");
            assertThat(c.auth()).isEqualTo("Bearer xoxb-test-token");
        });
        Incident after = bot.bot.incidents().get(i.id());
        assertThat(after.rootCause()).contains("modelVersion=v1.3");
        assertThat(after.analysisJson()).contains("\"verdict\"", "\"modelVersion\"");
        assertThat(after.status()).isEqualTo(IncidentStatus.IDENTIFIED);
        assertThat(bot.bot.incidents().timeline(i.id())).extracting(e -> e.kind()).contains(TimelineKind.ANALYSIS);
    }

    private Incident after(Incident i) {
        return bot.bot.incidents().get(i.id());
    }

    @Test
    void unreadableInputGetsAPrivateErrorAndNothingIsPosted() throws Exception {
        bot.requests.command("analyze F_junk.bin", "U0ALICE", "C0INCIDENT", slack.responseUrl("j"));
        Call err = slack.await(c -> c.method().equals("response_url") && c.shown().contains("⚠️"), WAIT);
        assertThat(err.shown()).contains("Slack file F_junk.bin: ").doesNotContain("Exception", "incident-bot-", "/tmp");
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void aDownloadThatFailsOnSlacksSideGetsAReferenceIdNotAStackTrace() throws Exception {
        // files.info knows the file but its download answers 404: not the person's mistake, so a reference id.
        bot.requests.command("analyze F_missing.json", "U0ALICE", "C0INCIDENT", slack.responseUrl("m"));
        Call err = slack.await(c -> c.method().equals("response_url") && c.shown().contains("❗"), WAIT);
        assertThat(err.shown()).containsPattern("reference `[0-9a-f]{8}`")
                .doesNotContain("Exception", "HTTP 404", "\tat ");
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }
}
