package dev.incidentbot.slack.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.ServiceStandIn;
import dev.incidentbot.support.TestBot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /incident retro ticket ID N}: action item N becomes one GitHub issue, linked in the thread and the postmortem. */
class RetroTicketCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOKEN = "ghp_retroTicketT0ken";

    @TempDir
    Path dir;

    private FakeSlackApi slack;
    private ServiceStandIn github;
    private TestBot bot;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi();
        github = new ServiceStandIn().githubAccepts(TOKEN);
        bot = TestBot.start(dir, slack, Clock.systemUTC(), Map.of("GITHUB_REPO", "acme/ml-platform", "GITHUB_TOKEN", TOKEN,
                "GITHUB_API_URL", github.url()));
    }

    @AfterEach
    void stop() {
        bot.close();
        github.close();
        slack.close();
    }

    @Test
    void anActionItemBecomesOneIssueWhoseLinkReachesTheThreadAndThePostmortem() throws Exception {
        IncidentService incidents = bot.bot.incidents();
        Incident i = incidents.declare(new IncidentService.Declaration("Model v1.3 latency regression", Severity.SEV2, "",
                "U0ALICE", "C0INCIDENT", "slack"));
        slack.await(c -> c.method().equals("chat.postMessage") && c.params().toString().contains(i.id()), WAIT);
        bot.requests.command("retro add " + i.id() + " action: alert on p95 latency <!channel>", "U0ALICE", "C0INCIDENT", "");
        bot.requests.command("retro add " + i.id() + " lesson: canary first", "U0ALICE", "C0INCIDENT", "");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (notes(i) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(notes(i)).isEqualTo(2);

        bot.requests.command("retro ticket " + i.id() + " 1", "U0ALICE", "C0INCIDENT", slack.responseUrl("t1"));
        slack.await(c -> c.method().equals("chat.postMessage") && c.params().toString().contains("acme/ml-platform/issues/1"), WAIT);
        bot.requests.command("retro ticket " + i.id() + " 1", "U0ALICE", "C0INCIDENT", slack.responseUrl("t2"));
        slack.await(c -> c.method().equals("response_url") && c.shown().contains("already has a ticket"), WAIT);
        bot.requests.command("retro ticket " + i.id() + " 2", "U0ALICE", "C0INCIDENT", slack.responseUrl("t3"));
        slack.await(c -> c.method().equals("response_url") && c.shown().contains("has action items 1 to 1; there is no 2"), WAIT);
        assertThat(bot.bot.outbox().awaitIdle(WAIT.toMillis())).isTrue();

        assertThat(github.calls).hasSize(1);
        assertThat(github.calls.get(0).json().path("title").asText()).isEqualTo(i.id() + " action item: alert on p95 latency <!channel>");
        assertThat(slack.calls("chat.postMessage")).filteredOn(c -> c.params().toString().contains("issues/1"))
                .singleElement().satisfies(c -> {
                    assertThat(c.param("thread_ts")).isEqualTo(incidents.get(i.id()).messageTs());
                    assertThat(c.param("text")).contains("GitHub action item ticket #1 opened: https://github.com/acme/ml-platform/issues/1");
                });
        assertThat(slack.calls("chat.postMessage")).allSatisfy(c -> assertThat(c.params().toString()).doesNotContain("<!channel>", TOKEN));
        String md = new dev.incidentbot.retro.RetroService(bot.bot.database().jdbi(), incidents, dev.incidentbot.retro.RetroNotifier.NONE,
                Clock.systemUTC()).markdown(i.id());
        assertThat(md).contains("- [ ] alert on p95 latency &lt;!channel&gt; (@U0ALICE) - ticket [#1](https://github.com/acme/ml-platform/issues/1)");
    }

    private int notes(Incident i) {
        return bot.bot.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM retro_notes WHERE incident_id = :i")
                .bind("i", i.id()).mapTo(Integer.class).one());
    }

    @Test
    void withoutATrackerTheCommandSaysWhatToSet() throws Exception {
        bot.close();
        bot = TestBot.start(dir.resolve("b"), slack, Clock.systemUTC(), Map.of());
        Incident i = bot.bot.incidents().declare(new IncidentService.Declaration("x", Severity.SEV4, "", "U0ALICE", "C0INCIDENT", "slack"));
        bot.requests.command("retro add " + i.id() + " action: fix it", "U0ALICE", "C0INCIDENT", "");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (notes(i) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(notes(i)).isEqualTo(1);
        bot.requests.command("retro ticket " + i.id() + " 1", "U0ALICE", "C0INCIDENT", slack.responseUrl("n1"));
        slack.await(c -> c.method().equals("response_url") && c.shown().contains("No ticket tracker is set up"), WAIT);
        assertThat(github.calls).isEmpty();
    }
}
