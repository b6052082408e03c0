package dev.incidentbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.outbox.Outbox;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.FakeSlackApi.Call;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;

/** Two replicas' Slack senders on one database against one Slack: every message posted exactly once, in order per incident. */
@BothStores
class SlackOutboxReplicasTest {
    private final TestStore store;

    SlackOutboxReplicasTest(TestStore store) {
        this.store = store;
    }

    @TempDir
    Path dir;
    private FakeSlackApi slack;
    private Database db;
    private Outbox a;
    private Outbox b;
    private SlackOutbox writerA;
    private SlackOutbox writerB;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi();
        db = store.open(dir);
        IncidentService incidents = new IncidentService(db.jdbi(), Clock.systemUTC());
        SlackApi api = new SlackApi(SlackApp.client(slack.apiUrl()), "xoxb-test", SlackApi.RetryPolicy.standard());
        a = new Outbox(db.jdbi(), Clock.systemUTC(), "replica-a", Duration.ofSeconds(60), Duration.ofMillis(100));
        b = new Outbox(db.jdbi(), Clock.systemUTC(), "replica-b", Duration.ofSeconds(60), Duration.ofMillis(100));
        writerA = new SlackOutbox(db.jdbi(), a, api, incidents, Clock.systemUTC());
        writerB = new SlackOutbox(db.jdbi(), b, api, incidents, Clock.systemUTC());
        a.start();
        b.start();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        db.close();
        slack.close();
    }

    @Test
    void fiveHundredMessagesWrittenOnBothReplicasArePostedOnceEach() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            int writer = w;
            SlackOutbox out = w % 2 == 0 ? writerA : writerB;
            writers.execute(() -> {
                for (int i = 0; i < 125; i++) {
                    String incident = i % 4 == 0 ? null : "INC-2026-" + (i % 10);
                    out.enqueue(OutboxMessage.of(incident, "note", "C0OK", false, "m " + i + " from " + writer, null));
                }
            });
        }
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(a.awaitIdle(60_000)).isTrue();

        List<Call> posts = slack.attempts("chat.postMessage");
        assertThat(posts).hasSize(500).allMatch(Call::accepted);
        Map<String, Long> perText = posts.stream().collect(Collectors.groupingBy(c -> c.param("text"), Collectors.counting()));
        assertThat(perText).hasSize(500).allSatisfy((text, n) -> assertThat(n).as(text).isEqualTo(1));
        // each writer wrote its rows for an incident in order; Slack saw them in that order
        for (int w = 0; w < 4; w++) {
            String suffix = " from " + w;
            for (int n = 0; n < 10; n++) {
                int incident = n;
                List<Integer> seen = posts.stream().map(c -> c.param("text")).filter(t -> t.endsWith(suffix))
                        .map(t -> Integer.parseInt(t.split(" ")[1])).filter(i -> i % 4 != 0 && i % 10 == incident).toList();
                assertThat(seen).as("writer %d, incident %d", w, n).isSorted();
            }
        }
        int marked = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL AND message_ts IS NOT NULL AND claimed_by IS NULL")
                .mapTo(Integer.class).one());
        assertThat(marked).as("every row marked with its ts, no claim left").isEqualTo(500);
    }
}
