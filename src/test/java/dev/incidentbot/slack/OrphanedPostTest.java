package dev.incidentbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.outbox.Outbox;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.FakeSlackApi.Call;
import dev.incidentbot.support.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender that died between Slack's answer and marking its row: the sender that takes the row over finds the post by
 * the row tag in its metadata and records it, rather than posting it a second time; a row whose post never reached
 * Slack is posted once.
 */
@BothStores
class OrphanedPostTest {
    private final TestStore store;

    OrphanedPostTest(TestStore store) {
        this.store = store;
    }

    @TempDir
    Path dir;
    private FakeSlackApi slack;
    private Database db;
    private SlackApi api;
    private Outbox survivor;
    private SlackOutbox sender;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi();
        db = store.open(dir);
        api = new SlackApi(SlackApp.client(slack.apiUrl()), "xoxb-test", SlackApi.RetryPolicy.standard());
        survivor = new Outbox(db.jdbi(), Clock.systemUTC(), "survivor", Duration.ofSeconds(60), Duration.ofMillis(100));
        // registers the Slack deliverer with the survivor's outbox
        sender = new SlackOutbox(db.jdbi(), survivor, api, new IncidentService(db.jdbi(), Clock.systemUTC()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        survivor.close();
        db.close();
        slack.close();
    }

    /** Leaves the row as a killed sender would: claimed by it, the lease run out, nothing marked. */
    private void claimedByADeadSender(long row) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE outbox SET claimed_by = 'dead:1', claimed_until = :past WHERE id = :id")
                .bind("past", Instant.now().minusSeconds(5)).bind("id", row).execute());
    }

    /** Written straight to the table: a write through the survivor would wake its sender before the test is ready. */
    private long unsentRow(String text) {
        return db.jdbi().withExtension(OutboxRepository.class,
                r -> r.insert(OutboxMessage.of(null, "note", "C0OK", false, text, null), Instant.now()));
    }

    private String markedTs(long row) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT message_ts FROM outbox WHERE id = :id AND sent_at IS NOT NULL")
                .bind("id", row).mapTo(String.class).findOne().orElse(null));
    }

    @Test
    void aPostThatReachedSlackBeforeItsSenderDiedIsRecordedNotRepeated() throws Exception {
        long row = unsentRow("posted by the dead sender");
        claimedByADeadSender(row);
        String deadTs = api.postMessage("C0OK", null, "posted by the dead sender", null, false, row).getTs();

        survivor.start();
        assertThat(survivor.awaitIdle(20_000)).isTrue();

        List<Call> posts = slack.attempts("chat.postMessage");
        assertThat(posts).as("only the dead sender's post").hasSize(1);
        assertThat(slack.attempts("conversations.history")).as("the survivor looked once").hasSize(1);
        assertThat(markedTs(row)).as("the row is marked with the post Slack already had").isEqualTo(deadTs);
    }

    @Test
    void aPostThatNeverReachedSlackIsSentOnceByTheSurvivor() throws Exception {
        long row = unsentRow("lost with the dead sender");
        claimedByADeadSender(row);

        survivor.start();
        assertThat(survivor.awaitIdle(20_000)).isTrue();

        assertThat(slack.attempts("conversations.history")).as("the survivor looked first").hasSize(1);
        List<Call> posts = slack.attempts("chat.postMessage");
        assertThat(posts).singleElement().satisfies(c -> assertThat(c.param("text")).isEqualTo("lost with the dead sender"));
        assertThat(markedTs(row)).isNotNull();
    }

    @Test
    void aRowNoSenderHadBeforeIsPostedWithoutLookingFirst() throws Exception {
        long row = unsentRow("fresh");

        survivor.start();
        assertThat(survivor.awaitIdle(20_000)).isTrue();

        assertThat(slack.attempts("conversations.history")).isEmpty();
        assertThat(slack.attempts("chat.postMessage")).singleElement()
                .satisfies(c -> assertThat(c.params().path("metadata").path("event_payload").path("row").asText())
                        .as("tagged with its row").isEqualTo(String.valueOf(row)));
        assertThat(markedTs(row)).isNotNull();
    }
}
