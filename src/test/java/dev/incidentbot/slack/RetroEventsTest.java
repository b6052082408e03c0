package dev.incidentbot.slack;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.retro.RetroNote;
import dev.incidentbot.retro.RetroRepository;
import dev.incidentbot.retro.RetroThread;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.SlackRequests;
import dev.incidentbot.support.TestBot;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retro end to end: resolve opens the thread, signed events (with Slack's retries) become notes, the export uploads. */
@BothStores
class RetroEventsTest {
    private final TestStore store;

    RetroEventsTest(TestStore store) {
        this.store = store;
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
    private FakeSlackApi slack;
    private TestBot bot;
    private int responses;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi();
        bot = TestBot.start(store, dir, slack, clock, Map.of());
    }

    @AfterEach
    void stop() {
        bot.close();
        slack.close();
    }

    private void command(String text) throws Exception {
        HttpResponse<String> r = bot.requests.command(text, "U0ALICE", "C0INCIDENT", slack.responseUrl("r" + responses++));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> event(Map<String, Object> event, String eventId, Integer retryNum) throws Exception {
        return bot.requests.post(SlackRequests.eventBody(event, eventId), "application/json", null, false, retryNum);
    }

    private static Map<String, Object> reply(String threadTs, String ts, String user, String text) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "message");
        e.put("channel", "C0INCIDENT");
        e.put("user", user);
        e.put("text", text);
        e.put("ts", ts);
        e.put("thread_ts", threadTs);
        e.put("channel_type", "channel");
        e.put("event_ts", ts);
        return e;
    }

    /** Declares, updates and resolves an incident; returns it with the ts of its retro thread. */
    private Map.Entry<Incident, String> resolvedWithRetroThread() throws Exception {
        command("declare Model v1.3 latency regression sev2");
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("v1.3 latency regression"), WAIT);
        Incident incident = bot.bot.incidents().listOpen().get(0);
        command("status " + incident.id() + " Routing all traffic to v1.2");
        // commands run after their ack: the update must land before the resolve is sent, or the two may swap
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (bot.bot.incidents().timeline(incident.id()).stream().noneMatch(e -> e.text().contains("Routing all traffic"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        clock.advance(Duration.ofMinutes(20));
        command("resolve " + incident.id() + " Rolled back to v1.2");
        FakeSlackApi.Call prompts = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("went poorly"), WAIT);
        assertThat(prompts.param("thread_ts")).as("the prompts start their own thread").isNull();
        assertThat(prompts.param("text")).contains("went well", "went poorly", "action items", "lessons");
        return Map.entry(incident, threadTs(incident.id()));
    }

    private String threadTs(String incidentId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String ts = bot.bot.database().jdbi().withExtension(RetroRepository.class, r -> r.threadOf(incidentId))
                    .map(RetroThread::threadTs).orElse(null);
            if (ts != null) {
                return ts;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the retro thread's ts was never recorded");
    }

    private List<RetroNote> notes(String incidentId) {
        return bot.bot.database().jdbi().withExtension(RetroRepository.class, r -> r.notes(incidentId));
    }

    private String export(String incidentId, int uploadsBefore) throws Exception {
        command("retro export " + incidentId);
        slack.await(c -> c.method().equals("files.completeUploadExternal") && slack.calls("files.completeUploadExternal").size() > uploadsBefore,
                WAIT);
        List<FakeSlackApi.Call> uploads = slack.calls("upload");
        return uploads.get(uploads.size() - 1).raw();
    }

    private static int count(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void retriedRepliesAndACommandNoteAreStoredOnceAndTheExportSurvivesARestart() throws Exception {
        Map.Entry<Incident, String> r = resolvedWithRetroThread();
        String id = r.getKey().id();
        String thread = r.getValue();
        List<String> texts = List.of("went well: rollback took 4 minutes once decided",
                "went poorly: we learned from lenders, not from alerts", "action: alert on p95 latency per model version");
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Object> e = reply(thread, "1772445700.00010" + i, "U0BOB", texts.get(i));
            assertThat(event(e, "EvRetro" + i, null).statusCode()).isEqualTo(200);
            if (i == 0) {
                assertThat(event(e, "EvRetro0", 1).statusCode()).isEqualTo(200); // Slack's retry of the same delivery
            }
        }
        command("retro add " + id + " lesson: ship model versions behind a canary");
        slack.await(c -> c.method().equals("response_url") && c.shown().contains("Added a *lesson* note"), WAIT);

        assertThat(notes(id)).extracting(RetroNote::text).containsExactly("rollback took 4 minutes once decided",
                "we learned from lenders, not from alerts", "alert on p95 latency per model version", "ship model versions behind a canary");

        String doc = export(id, 0);
        for (String note : List.of("rollback took 4 minutes once decided", "we learned from lenders, not from alerts",
                "alert on p95 latency per model version", "ship model versions behind a canary")) {
            assertThat(count(doc, note)).as(note).isEqualTo(1);
        }
        assertThat(doc).contains("Routing all traffic to v1.2", "## Timeline", "## Root Cause", "## Action Items", "## Lessons Learned",
                "**Duration**: 20 minutes");
        FakeSlackApi.Call complete = slack.calls("files.completeUploadExternal").get(0);
        assertThat(complete.param("channel_id")).isEqualTo("C0INCIDENT");
        assertThat(complete.param("initial_comment")).contains("Postmortem of " + id, "4 retro notes");

        bot.close();
        bot = TestBot.start(store, dir, slack, clock, Map.of());
        assertThat(export(id, 1)).isEqualTo(doc);
    }

    @Test
    void editsAndDeletionsFollowTheThreadAndBotsAreIgnored() throws Exception {
        Map.Entry<Incident, String> r = resolvedWithRetroThread();
        String id = r.getKey().id();
        String thread = r.getValue();
        event(reply(thread, "1772445700.000201", "U0BOB", "went well: we paged fast"), "EvA", null);
        event(reply(thread, "1772445700.000202", "U0CAROL", "lesson: posted in the wrong thread"), "EvB", null);
        event(reply(thread, "1772445700.000203", "U0DAN", "&lt;b&gt;canary&lt;/b&gt; &amp; config"), "EvC", null);
        Map<String, Object> fromBot = reply(thread, "1772445700.000204", "U0BOT", "went well: I am the bot");
        fromBot.put("bot_id", "B0BOT");
        event(fromBot, "EvD", null);
        Map<String, Object> legacyBot = reply(thread, "1772445700.000205", null, "went well: a legacy bot");
        legacyBot.remove("user");
        legacyBot.put("subtype", "bot_message");
        legacyBot.put("bot_id", "B0OTHER");
        assertThat(event(legacyBot, "EvE", null).statusCode()).isEqualTo(200);

        Map<String, Object> edited = new LinkedHashMap<>();
        edited.put("type", "message");
        edited.put("subtype", "message_changed");
        edited.put("channel", "C0INCIDENT");
        edited.put("hidden", true);
        edited.put("message", Map.of("type", "message", "user", "U0BOB", "text", "went poorly: we paged late",
                "ts", "1772445700.000201", "thread_ts", thread, "edited", Map.of("user", "U0BOB", "ts", "1772445800.000000")));
        edited.put("previous_message", Map.of("type", "message", "user", "U0BOB", "text", "went well: we paged fast",
                "ts", "1772445700.000201"));
        edited.put("ts", "1772445800.000001");
        edited.put("event_ts", "1772445800.000001");
        assertThat(event(edited, "EvF", null).statusCode()).isEqualTo(200);
        assertThat(event(edited, "EvF", 1).statusCode()).isEqualTo(200);

        Map<String, Object> deleted = new LinkedHashMap<>();
        deleted.put("type", "message");
        deleted.put("subtype", "message_deleted");
        deleted.put("channel", "C0INCIDENT");
        deleted.put("hidden", true);
        deleted.put("deleted_ts", "1772445700.000202");
        deleted.put("ts", "1772445900.000001");
        deleted.put("event_ts", "1772445900.000001");
        assertThat(event(deleted, "EvG", null).statusCode()).isEqualTo(200);

        List<RetroNote> notes = notes(id);
        assertThat(notes).extracting(RetroNote::author).containsExactly("U0BOB", "U0CAROL", "U0DAN");
        assertThat(notes.get(0).text()).isEqualTo("we paged late");
        assertThat(notes.get(0).kind()).isEqualTo(dev.incidentbot.retro.NoteKind.WENT_POORLY);
        assertThat(notes.get(1).deleted()).isTrue();
        assertThat(notes.get(2).text()).as("Slack's escaping undone: the note keeps what was typed").isEqualTo("<b>canary</b> & config");

        String doc = export(id, 0);
        assertThat(doc).contains("we paged late").doesNotContain("we paged fast", "posted in the wrong thread", "I am the bot", "legacy bot");
    }

    @Test
    void retroStartOpensOnceAndAddWithoutAKindIsRefused() throws Exception {
        command("declare Checkout returns 500s sev3");
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("Checkout returns 500s"), WAIT);
        String id = bot.bot.incidents().listOpen().get(0).id();

        command("retro start " + id);
        slack.await(c -> c.method().equals("response_url") && c.shown().contains("Opened the retro thread of " + id), WAIT);
        threadTs(id);
        command("retro start " + id);
        slack.await(c -> c.method().equals("response_url") && c.shown().contains("already open"), WAIT);
        command("retro add " + id + " just some words");
        slack.await(c -> c.method().equals("response_url") && c.shown().contains("Start the note with its kind"), WAIT);
        command("retro frobnicate " + id);
        slack.await(c -> c.method().equals("response_url") && c.shown().contains("retro export [ID]"), WAIT);

        assertThat(slack.calls("chat.postMessage")).filteredOn(c -> c.shown().contains("went poorly")).hasSize(1);
        assertThat(notes(id)).isEmpty();
    }
}
