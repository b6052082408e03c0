package dev.incidentbot.retro;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentbot.UserError;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineKind;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@BothStores
class RetroServiceTest {
    private final TestStore store;

    RetroServiceTest(TestStore store) {
        this.store = store;
    }

    private static final String CHANNEL = "C0INCIDENT";
    private static final String THREAD = "1754073000.000100";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2025-08-01T18:30:00Z");
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private Database db;
    private IncidentService incidents;
    private RetroService retro;
    private Incident incident;

    @BeforeEach
    void start() {
        open();
        incident = incidents.declare(new IncidentService.Declaration("Model v1.3 latency regression", Severity.SEV2, "",
                "U0ALICE", CHANNEL, "slack"));
    }

    private void open() {
        db = store.open(dir.resolve("db/bot"));
        incidents = new IncidentService(db.jdbi(), clock);
        retro = new RetroService(db.jdbi(), incidents, (h, i, prompts, suggestions) -> opened.add(i.id() + " " + suggestions), clock);
        incidents.addTxListener(retro);
    }

    @AfterEach
    void stop() {
        db.close();
    }

    private void resolveAndPost() {
        clock.advance(Duration.ofMinutes(42));
        incidents.resolve(incident.id(), "U0ALICE", "Rolled back to v1.2");
        db.jdbi().useTransaction(h -> retro.threadPosted(h, incident.id(), CHANNEL, THREAD));
    }

    private ThreadReply reply(String eventId, String ts, String text) {
        return new ThreadReply(eventId, CHANNEL, THREAD, ts, "U0BOB", text);
    }

    @Test
    void resolvingOpensTheRetroThreadOnceWithSuggestedPoints() {
        resolveAndPost();
        RetroService.Opened again = retro.open(incident.id(), "U0ALICE");

        assertThat(again.alreadyOpen()).isTrue();
        assertThat(again.thread().threadTs()).isEqualTo(THREAD);
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0)).contains("Time to mitigate: 42 minutes").contains("No alert fired");
        assertThat(incidents.timeline(incident.id())).filteredOn(e -> e.kind() == TimelineKind.RETRO).hasSize(1);
        assertThat(retro.threadAt(CHANNEL, THREAD)).map(RetroThread::incidentId).contains(incident.id());
    }

    @Test
    void aRetriedEventIsStoredOnce() {
        resolveAndPost();
        ThreadReply r = reply("Ev1", "1754073100.000200", "went well: rollback took 4 minutes once decided");

        assertThat(retro.addFromThread(r)).isEqualTo(RetroService.Outcome.STORED);
        assertThat(retro.addFromThread(r)).isEqualTo(RetroService.Outcome.DUPLICATE);

        assertThat(retro.notes(incident.id())).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NoteKind.WENT_WELL);
            assertThat(n.text()).isEqualTo("rollback took 4 minutes once decided");
            assertThat(n.author()).isEqualTo("U0BOB");
            assertThat(n.createdAt()).isEqualTo("2025-08-01T18:31:40.000200Z"); // when it was written: the reply's ts
        });
    }

    @Test
    void theSameMessageUnderAnotherEventIdIsStoredOnce() {
        resolveAndPost();
        retro.addFromThread(reply("Ev1", "1754073100.000200", "action: alert on p95 latency per model version"));

        assertThat(retro.addFromThread(reply("Ev2", "1754073100.000200", "action: alert on p95 latency per model version")))
                .isEqualTo(RetroService.Outcome.DUPLICATE);
        assertThat(retro.addFromThread(reply(null, "1754073100.000200", "action: alert on p95 latency per model version")))
                .isEqualTo(RetroService.Outcome.DUPLICATE);
        assertThat(retro.notes(incident.id())).hasSize(1);
    }

    @Test
    void repliesElsewhereAreNotNotes() {
        resolveAndPost();
        assertThat(retro.addFromThread(new ThreadReply("Ev1", CHANNEL, "1754070000.000001", "1754073100.000200", "U0BOB",
                "went well: a reply in another thread"))).isEqualTo(RetroService.Outcome.IGNORED);
        assertThat(retro.addFromThread(new ThreadReply("Ev2", CHANNEL, null, "1754073100.000300", "U0BOB",
                "went well: a top-level message"))).isEqualTo(RetroService.Outcome.IGNORED);
        assertThat(retro.addFromThread(reply("Ev3", "1754073100.000400", "✅ "))).isEqualTo(RetroService.Outcome.IGNORED);
        assertThat(retro.notes(incident.id())).isEmpty();
    }

    @Test
    void anEditUpdatesTextAndKindAndARetriedEditChangesNothingMore() {
        resolveAndPost();
        retro.addFromThread(reply("Ev1", "1754073100.000200", "went well: we paged fast"));
        clock.advance(Duration.ofMinutes(3));

        assertThat(retro.edit("Ev2", CHANNEL, "1754073100.000200", "went poorly: we paged late")).isEqualTo(RetroService.Outcome.STORED);
        assertThat(retro.edit("Ev2", CHANNEL, "1754073100.000200", "went poorly: we paged late")).isEqualTo(RetroService.Outcome.DUPLICATE);

        RetroNote n = retro.notes(incident.id()).get(0);
        assertThat(n.kind()).isEqualTo(NoteKind.WENT_POORLY);
        assertThat(n.text()).isEqualTo("we paged late");
        assertThat(n.editedAt()).isEqualTo(clock.instant());
        assertThat(retro.markdown(incident.id())).contains("we paged late").doesNotContain("we paged fast");
    }

    @Test
    void aDeletedReplyLeavesThePostmortemButStaysOnRecord() {
        resolveAndPost();
        retro.addFromThread(reply("Ev1", "1754073100.000200", "went poorly: posted in the wrong thread"));
        retro.addFromThread(reply("Ev2", "1754073100.000300", "lesson: keep runbooks current"));

        assertThat(retro.delete("Ev3", CHANNEL, "1754073100.000200")).isEqualTo(RetroService.Outcome.STORED);

        assertThat(retro.notes(incident.id())).extracting(RetroNote::deleted).containsExactly(true, false);
        assertThat(retro.markdown(incident.id())).doesNotContain("posted in the wrong thread").contains("keep runbooks current");
    }

    @Test
    void editsAndDeletionsOfOtherMessagesAreIgnored() {
        resolveAndPost();
        assertThat(retro.edit("Ev1", CHANNEL, "1754079999.000001", "went well: not a note")).isEqualTo(RetroService.Outcome.IGNORED);
        assertThat(retro.delete("Ev2", CHANNEL, "1754079999.000001")).isEqualTo(RetroService.Outcome.IGNORED);
        assertThat(retro.notes(incident.id())).isEmpty();
    }

    @Test
    void theCommandNeedsAKindAndChangesNothingWithoutOne() {
        assertThatThrownBy(() -> retro.addFromCommand(incident.id(), "U0ALICE", CHANNEL, "ship model versions behind a canary"))
                .isInstanceOf(UserError.class).hasMessageContaining("went well:");
        assertThatThrownBy(() -> retro.addFromCommand(incident.id(), "U0ALICE", CHANNEL, "lesson:  "))
                .isInstanceOf(UserError.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> retro.addFromCommand("INC-2025-999", "U0ALICE", CHANNEL, "lesson: x"))
                .isInstanceOf(UserError.class).hasMessageContaining("no incident INC-2025-999");
        assertThat(retro.notes(incident.id())).isEmpty();

        RetroNote n = retro.addFromCommand(incident.id(), "U0ALICE", CHANNEL, "lesson: ship model versions behind a canary");
        assertThat(n.kind()).isEqualTo(NoteKind.LESSON);
        assertThat(n.ts()).isNull();
        assertThat(n.createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void notesAndThreadsOutliveARestart() {
        resolveAndPost();
        retro.addFromThread(reply("Ev1", "1754073100.000200", "went well: rollback took 4 minutes once decided"));
        retro.addFromCommand(incident.id(), "U0ALICE", CHANNEL, "lesson: ship model versions behind a canary");
        String before = retro.markdown(incident.id());

        db.close();
        open();

        assertThat(retro.markdown(incident.id())).isEqualTo(before);
        assertThat(retro.addFromThread(reply("Ev1", "1754073100.000200", "went well: rollback took 4 minutes once decided")))
                .isEqualTo(RetroService.Outcome.DUPLICATE);
        assertThat(retro.notes(incident.id())).hasSize(2);
    }
}
