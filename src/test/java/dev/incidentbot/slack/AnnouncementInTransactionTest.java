package dev.incidentbot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.outbox.Outbox;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident and its announcement commit together: a failing outbox write leaves neither. */
@BothStores
class AnnouncementInTransactionTest {
    /** Longer than outbox.channel_id (32): the SEV1/2 pointer to it cannot be written. */
    private static final String UNWRITABLE_CHANNEL = "C" + "X".repeat(40);

    private final TestStore store;

    AnnouncementInTransactionTest(TestStore store) {
        this.store = store;
    }

    @TempDir
    Path dir;
    private FakeSlackApi slack;
    private Database db;
    private Outbox outbox;
    private IncidentService incidents;

    @BeforeEach
    void open() throws Exception {
        slack = new FakeSlackApi();
        db = store.open(dir);
        MutableClock clock = MutableClock.at("2026-03-14T18:06:00Z");
        incidents = new IncidentService(db.jdbi(), clock);
        SlackApi api = new SlackApi(SlackApp.client(slack.apiUrl()), "xoxb-test", SlackApi.RetryPolicy.standard());
        outbox = new Outbox(db.jdbi(), clock);
        SlackOutbox slackOutbox = new SlackOutbox(db.jdbi(), outbox, api, incidents, clock);
        incidents.addTxListener(new SlackIncidentNotifier(slackOutbox, api, incidents, UNWRITABLE_CHANNEL,
                Duration.ofMinutes(30), false, Runnable::run));
        outbox.start();
    }

    @AfterEach
    void close() {
        outbox.close();
        db.close();
        slack.close();
    }

    private int count(String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    @Test
    void aFailingOutboxWriteRollsTheDeclarationBack() throws Exception {
        // SEV1 in another channel also writes the pointer to the incidents channel, which cannot be stored
        assertThatThrownBy(() -> incidents.declare(new IncidentService.Declaration("Checkout down", Severity.SEV1, null,
                "U0ALICE", "C0PAYMENTS", "slack")));

        assertThat(count("incidents")).isZero();
        assertThat(count("timeline_entries")).isZero();
        assertThat(count("outbox")).as("the announcement written before the pointer rolled back too").isZero();
        assertThat(outbox.awaitIdle(1_000)).isTrue();
        assertThat(slack.attempts("chat.postMessage")).isEmpty();
    }

    @Test
    void aDeclarationCommitsWithItsAnnouncementWhoseTsIsRecordedWithItsMark() throws Exception {
        Incident i = incidents.declare(new IncidentService.Declaration("Search slow", Severity.SEV3, null,
                "U0ALICE", "C0PAYMENTS", "slack"));
        assertThat(count("outbox")).isEqualTo(1);

        assertThat(outbox.awaitIdle(10_000)).isTrue();
        FakeSlackApi.Call post = slack.await(c -> c.method().equals("chat.postMessage"), Duration.ofSeconds(10));
        assertThat(post.param("channel")).isEqualTo("C0PAYMENTS");
        String ts = db.jdbi().withHandle(h -> h.createQuery("SELECT message_ts FROM outbox").mapTo(String.class).one());
        assertThat(incidents.get(i.id()).messageTs()).isNotNull().isEqualTo(ts);
    }
}
