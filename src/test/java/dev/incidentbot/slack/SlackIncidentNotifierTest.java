package dev.incidentbot.slack;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.Trigger;
import dev.incidentbot.outbox.Outbox;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.FakeSlackApi.Call;
import dev.incidentbot.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The announcement as the notifier builds it from what it is given, and the dedicated channel opened apart from it. */
@BothStores
class SlackIncidentNotifierTest {
    private final TestStore store;

    SlackIncidentNotifierTest(TestStore store) {
        this.store = store;
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    FakeSlackApi slack;
    Database db;
    Outbox outbox;
    IncidentService incidents;
    final List<Runnable> channelWork = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        slack = new FakeSlackApi();
        db = store.open(dir.resolve("db/bot"));
        MutableClock clock = MutableClock.at("2026-03-14T18:06:00Z");
        incidents = new IncidentService(db.jdbi(), clock);
        SlackApi api = new SlackApi(SlackApp.client(slack.apiUrl()), "xoxb-test", SlackApi.RetryPolicy.standard());
        outbox = new Outbox(db.jdbi(), clock);
        SlackOutbox slackOutbox = new SlackOutbox(db.jdbi(), outbox, api, incidents, clock);
        // channel work is held here and run by the test, so "not during the declaration" is seen, not raced
        SlackIncidentNotifier notifier = new SlackIncidentNotifier(slackOutbox, api, incidents, "C0INCIDENT",
                Duration.ofMinutes(30), true, channelWork::add);
        incidents.addTxListener(notifier);
        incidents.addListener(notifier);
        outbox.start();
    }

    @AfterEach
    void close() {
        outbox.close();
        db.close();
        slack.close();
    }

    @Test
    void theDedicatedChannelIsOpenedAfterTheAnnouncementNotWhileDeclaring() throws Exception {
        Incident i = incidents.declare(new IncidentService.Declaration("Checkout returns 500s", Severity.SEV2, null,
                "U0ALICE", "C0INCIDENT", "slack"));

        assertThat(slack.calls("conversations.create")).isEmpty();
        assertThat(channelWork).hasSize(1);
        Call announce = slack.await(c -> c.method().equals("chat.postMessage") && "C0INCIDENT".equals(c.param("channel"))
                && c.shown().contains("INCIDENT"), WAIT);

        channelWork.get(0).run();
        Call create = slack.await(c -> c.method().equals("conversations.create"), WAIT);
        assertThat(create.param("name")).isEqualTo("inc-2026-001-checkout-returns-500s");
        assertThat(slack.await(c -> c.method().equals("conversations.invite"), WAIT).raw()).contains("U0ALICE");
        String channel = incidents.get(i.id()).incidentChannelId();
        assertThat(channel).startsWith("C0NEW");
        Call link = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("<#" + channel + ">"), WAIT);
        assertThat(link.param("channel")).isEqualTo("C0INCIDENT");
        assertThat(link.param("thread_ts")).isEqualTo(incidents.get(i.id()).messageTs());
        slack.await(c -> c.method().equals("chat.postMessage") && channel.equals(c.param("channel"))
                && c.shown().contains("Checkout returns 500s"), WAIT);
        assertThat(slack.calls().indexOf(announce)).isLessThan(slack.calls().indexOf(create));
    }

    @Test
    void anIncidentOpenedByMonitoringIsAnnouncedWithWhatItSawEscaped() throws Exception {
        Trigger trigger = new Trigger("HighErrorRate", "alertmanager", 3, "5xx above 5% <!channel>",
                Map.of("service", "checkout"), "https://prometheus.example.com/graph", null,
                new Trigger.FirstSteps("High error rate", null, List.of("Identify the error type")));
        incidents.declare(new IncidentService.Declaration("HighErrorRate: checkout", Severity.SEV1, null,
                IncidentService.MONITORING, "C0INCIDENT", "alertmanager", trigger));

        Call announce = slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("INCIDENT"), WAIT);
        assertThat(announce.shown()).contains("`HighErrorRate` from alertmanager (3 alerts firing)", "`service=checkout`",
                "view in alertmanager", "1. Identify the error type", "&lt;!channel&gt;").doesNotContain("<!channel>");
    }
}
