package dev.incidentbot.slack;

import dev.incidentbot.outbox.Outbox;
import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineKind;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.FakeSlackApi.Call;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.TestBot;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /incident through Bolt's App.run with signed requests, against an in-process fake Web API. */
@BothStores
class IncidentLifecycleTest {
    private final TestStore store;

    IncidentLifecycleTest(TestStore store) {
        this.store = store;
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestBot bot;
    MutableClock clock = new MutableClock(Instant.now());

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        slack.close();
    }

    private void start() throws Exception {
        bot = TestBot.start(store, dir, slack, clock, Map.of());
    }

    private HttpResponse<String> run(String text, String responseName) throws Exception {
        HttpResponse<String> r = bot.requests.command(text, "U0ALICE", "C0INCIDENT", slack.responseUrl(responseName));
        assertThat(r.statusCode()).as("ack of %s", text).isEqualTo(200);
        return r;
    }

    private Incident onlyOpen() {
        List<Incident> open = bot.bot.incidents().listOpen();
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    @Test
    void declareUpdateEscalateResolve() throws Exception {
        slack = new FakeSlackApi();
        start();
        run("declare Kenya lenders see <!channel> timeouts sev2", "declare");
        Call announce = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("INCIDENT"), WAIT);
        Incident i = onlyOpen();
        assertThat(announce.shown()).contains(i.id(), "SEV2 (HIGH)", "Kenya lenders", "INVESTIGATING", "Will update in 15 minutes",
                "Post update", "Resolve").doesNotContain("<!channel>");
        assertThat(announce.param("text")).startsWith("🚨 INCIDENT: Kenya lenders see &lt;!channel&gt; timeouts");
        Call reply = slack.await(c -> c.method().equals("response_url") && c.raw().contains("Declared"), WAIT);
        assertThat(reply.shown()).contains("ephemeral", i.id());

        String rootTs = awaitAnnouncementTs(i.id());
        run("status " + i.id() + " Rolled back v1.3 on half the pods, watching p95", "status");
        Call update = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("watching p95"), WAIT);
        assertThat(update.param("thread_ts")).isEqualTo(rootTs);

        run("severity " + i.id() + " sev1", "sev");
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("severity changed SEV2 (HIGH) → *SEV1 (CRITICAL)*"), WAIT);
        assertThat(bot.bot.incidents().get(i.id()).severity()).isEqualTo(Severity.SEV1);

        run("assign " + i.id() + " <@U0BOB|bob>", "assign");
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("<@U0BOB> is now the incident commander"), WAIT);

        run("list", "list");
        slack.await(c -> c.method().equals("response_url") && c.raw().contains("/response/list") || c.method().equals("response_url")
                && c.shown().contains("Open incidents") && c.shown().contains(i.id()), WAIT);

        clock.advance(Duration.ofMinutes(50));
        run("resolve " + i.id() + " Rolled back to v1.2; latency back to 95 ms", "resolve");
        Call resolved = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("RESOLVED"), WAIT);
        assertThat(resolved.shown()).contains("✅ INCIDENT RESOLVED: Kenya lenders", i.id(), "Duration", "50 minutes",
                "Rolled back to v1.2", "Start", "End");
        Incident done = bot.bot.incidents().get(i.id());
        assertThat(done.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(done.resolutionTimeMinutes()).isEqualTo(50L);
        // Resolving also opens the retro thread, which the bot records after the person's actions.
        assertThat(bot.bot.incidents().timeline(i.id())).extracting(e -> e.kind()).startsWith(TimelineKind.DECLARED,
                TimelineKind.STATUS, TimelineKind.SEVERITY, TimelineKind.COMMANDER, TimelineKind.RESOLVED);
        assertThat(bot.bot.incidents().timeline(i.id())).filteredOn(e -> e.kind() != TimelineKind.RETRO)
                .allMatch(e -> e.actor().equals("U0ALICE"));
    }

    private String awaitAnnouncementTs(String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String ts = bot.bot.incidents().get(id).messageTs();
            if (ts != null) {
                return ts;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("announcement ts never recorded");
    }

    @Test
    void unknownSubcommandsAndMistakesGetPrivateHelp() throws Exception {
        slack = new FakeSlackApi();
        start();
        run("frobnicate now", "unknown");
        Call help = slack.await(c -> c.method().equals("response_url") && c.shown().contains("frobnicate"), WAIT);
        assertThat(help.shown()).contains("ephemeral", "declare", "resolve");
        run("status Everything is fine", "noid");
        Call err = slack.await(c -> c.method().equals("response_url") && c.shown().contains("Which incident?"), WAIT);
        assertThat(err.shown()).contains("ephemeral").doesNotContain("Exception");
        run("resolve INC-2026-404 done", "missing");
        slack.await(c -> c.method().equals("response_url") && c.shown().contains("There is no incident INC-2026-404"), WAIT);
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void everyMessageArrivesExactlyOnceThroughThrottlingAndOutages() throws Exception {
        slack = new FakeSlackApi().throttleFirst(2).failFirst(2);
        start();
        run("declare Flaky Slack sev3", "d");
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("Flaky Slack"), Duration.ofSeconds(20));
        Incident i = onlyOpen();
        run("status " + i.id() + " first update", "s1");
        run("status " + i.id() + " second update", "s2");
        // The two commands run concurrently after their acks, so wait for both before counting.
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("first update"), Duration.ofSeconds(20));
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("second update"), Duration.ofSeconds(20));
        assertThat(bot.bot.outbox().awaitIdle(5000)).isTrue();
        List<Call> posts = slack.calls("chat.postMessage");
        assertThat(posts.stream().filter(c -> c.shown().contains("Flaky Slack") && c.shown().contains("INCIDENT"))).hasSize(1);
        assertThat(posts.stream().filter(c -> c.shown().contains("first update"))).hasSize(1);
        assertThat(posts.stream().filter(c -> c.shown().contains("second update"))).hasSize(1);
        assertThat(slack.calls("chat.postMessage").get(0).shown()).as("the thread root goes first").contains("INCIDENT");
    }

    @Test
    void unsentMessagesSurviveARestart() throws Exception {
        slack = new FakeSlackApi();
        start();
        String url = slack.apiUrl();
        slack.close();
        // Slack is down: the declaration is stored and its announcement waits in the outbox.
        run("declare Slack is down too sev3", "d");
        long deadline = System.nanoTime() + WAIT.toNanos();
        // The announcement is queued by a listener just after the declaration commits: wait for the queue, not the row.
        while (bot.bot.outbox().pending() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(bot.bot.incidents().listOpen()).hasSize(1);
        assertThat(bot.bot.outbox().pending()).isEqualTo(1);
        bot.close();
        bot = null;
        slack = new FakeSlackApi();
        assertThat(slack.apiUrl()).isNotEqualTo(url);
        // A stop during a Slack outage leaves the call in flight holding its claim. On H2 the restarted bot takes it
        // back at once (the file is its alone); on PostgreSQL another replica could still be sending it, so the row
        // waits for the lease: let it pass on the bot's clock.
        clock.advance(Outbox.DEFAULT_LEASE.plusSeconds(1));
        start();
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("Slack is down too"), WAIT);
        assertThat(bot.bot.outbox().awaitIdle(5000)).isTrue();
    }
}
