package dev.incidentbot.slack;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.FakeSlackApi.Call;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With INCIDENT_DEDICATED_CHANNELS=true each incident gets its own channel (linked from the announcement's thread), where the id can be left out. */
@BothStores
class DedicatedChannelTest {
    private final TestStore store;

    DedicatedChannelTest(TestStore store) {
        this.store = store;
    }

    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestBot bot;

    @AfterEach
    void stop() {
        bot.close();
        slack.close();
    }

    @Test
    void createsInvitesAnnouncesAndInfersTheIdThere() throws Exception {
        slack = new FakeSlackApi();
        bot = TestBot.start(store, dir, slack, new MutableClock(Instant.now()), Map.of("INCIDENT_DEDICATED_CHANNELS", "true"));
        // as Slack sends what was typed: "Risk score: p95 > 800ms! sev2"
        bot.requests.command("declare Risk score: p95 &gt; 800ms! sev2", "U0ALICE", "C0INCIDENT", slack.responseUrl("d"));
        Call create = slack.await(c -> c.method().equals("conversations.create"), Duration.ofSeconds(10));
        assertThat(create.param("name")).matches("inc-\\d{4}-001-risk-score-p95-800ms");
        Call invite = slack.await(c -> c.method().equals("conversations.invite"), Duration.ofSeconds(10));
        assertThat(invite.raw()).as(invite.raw()).contains("U0ALICE");
        Call copy = slack.await(c -> c.method().equals("chat.postMessage") && c.param("channel").startsWith("C0NEW")
                && c.shown().contains("INCIDENT"), Duration.ofSeconds(10));
        String channel = copy.param("channel");
        assertThat(copy.param("text")).contains("Risk score: p95 &gt; 800ms!").doesNotContain("&amp;");
        Incident i = bot.bot.incidents().listOpen().get(0);
        assertThat(i.incidentChannelId()).isEqualTo(channel);
        // the channel is opened after the announcement, so its link comes as a reply in the announcement's thread
        Call link = slack.await(c -> c.method().equals("chat.postMessage") && "C0INCIDENT".equals(c.param("channel"))
                && c.shown().contains("<#" + channel + ">"), Duration.ofSeconds(10));
        assertThat(link.param("thread_ts")).isEqualTo(bot.bot.incidents().get(i.id()).messageTs());

        bot.requests.command("status Mitigated by draining pod-3", "U0ALICE", channel, slack.responseUrl("s"));
        Call update = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("draining pod-3"), Duration.ofSeconds(10));
        assertThat(update.param("channel")).isEqualTo(channel);
        assertThat(update.param("thread_ts")).isNull();
    }
}
