package dev.incidentbot.slack;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's two failure paths: a refusal is given up once and recorded; an outage is kept and retried, never dropped. */
@BothStores
class OutboxGiveUpTest {
    private final TestStore store;

    OutboxGiveUpTest(TestStore store) {
        this.store = store;
    }

    @TempDir
    Path dir;
    private final List<Long> waits = new CopyOnWriteArrayList<>();
    private FakeSlackApi slack;
    private Database db;
    private Outbox outbox;
    private SlackOutbox slackOutbox;

    private void start(FakeSlackApi fake, int attempts) {
        slack = fake;
        db = store.open(dir.resolve("db"));
        SlackApi api = new SlackApi(SlackApp.client(slack.apiUrl()), "xoxb-test",
                new SlackApi.RetryPolicy(attempts, Duration.ofMillis(300), Duration.ofSeconds(8), waits::add));
        outbox = new Outbox(db.jdbi(), Clock.systemUTC());
        slackOutbox = new SlackOutbox(db.jdbi(), outbox, api, new IncidentService(db.jdbi(), Clock.systemUTC()), Clock.systemUTC());
        outbox.start();
    }

    @AfterEach
    void stop() {
        outbox.close();
        db.close();
        slack.close();
    }

    private Map<String, Object> row(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT attempts, last_error, sent_at FROM outbox WHERE id = :id")
                .bind("id", id).mapToMap().one());
    }

    @Test
    void aRefusedMessageIsGivenUpOnceAndTheNextOneStillGoes() throws Exception {
        start(new FakeSlackApi().refuseChannel("C0GONE", "channel_not_found"), 6);
        long gone = slackOutbox.enqueue(OutboxMessage.of(null, "note", "C0GONE", false, "to nowhere", null));
        long next = slackOutbox.enqueue(OutboxMessage.of(null, "note", "C0OK", false, "after it", null));
        assertThat(outbox.awaitIdle(5_000)).isTrue();
        assertThat(slack.attempts("chat.postMessage").stream().filter(c -> c.param("channel").equals("C0GONE"))).hasSize(1);
        assertThat(slack.calls("chat.postMessage")).extracting(c -> c.param("text")).containsExactly("after it");
        assertThat(row(gone)).containsEntry("attempts", 1).containsEntry("last_error", "chat.postMessage answered channel_not_found");
        assertThat(row(gone).get("sent_at")).as("given up: closed, never retried").isNotNull();
        assertThat(row(next).get("last_error")).isNull();
        assertThat(waits).isEmpty();
    }

    @Test
    void anOutageLongerThanTheRetryPolicyKeepsTheMessageAndSendsItLater() throws Exception {
        start(new FakeSlackApi().failFirst(2), 2);
        long id = slackOutbox.enqueue(OutboxMessage.of(null, "note", "C0OK", false, "kept", null));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (slack.attempts("chat.postMessage").size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // Both attempts of the first drain were refused: stored as an attempt, still pending, not given up.
        assertThat(slack.attempts("chat.postMessage")).extracting(Call::status).containsExactly(503, 503);
        assertThat(outbox.pending()).isEqualTo(1);
        assertThat(outbox.awaitIdle(10_000)).as("re-driven after the outbox's own delay").isTrue();
        assertThat(slack.attempts("chat.postMessage")).extracting(Call::status).containsExactly(503, 503, 200);
        assertThat(row(id)).containsEntry("attempts", 2).containsEntry("last_error", null);
    }
}
