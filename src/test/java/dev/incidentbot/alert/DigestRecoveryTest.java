package dev.incidentbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storm notes held in the memory of a process that died, on a real store: the next process posts them once from the
 * stored alerts when a window and a margin have passed, and never a note that was posted, nor one for a resolved
 * incident.
 */
@BothStores
class DigestRecoveryTest {
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private final TestStore store;
    @TempDir
    Path dir;
    Database db;
    final MutableClock clock = MutableClock.at("2026-12-03T10:00:00Z");
    IncidentService incidents;
    final List<AlertIntake> intakes = new ArrayList<>();

    DigestRecoveryTest(TestStore store) {
        this.store = store;
    }

    @BeforeEach
    void open() {
        db = store.open(dir.resolve("bot"));
        incidents = new IncidentService(db.jdbi(), clock);
    }

    @AfterEach
    void close() {
        intakes.forEach(AlertIntake::close);
        db.close();
    }

    /** One process's intake, with its own notes recorded. */
    private AlertIntake intake(RecordingNotifier notes) {
        AlertIntake intake = new AlertIntake(db.jdbi(), incidents, new AlertPolicy(SeverityRules.defaults()), notes, "C0INC",
                WINDOW, clock);
        intakes.add(intake);
        return intake;
    }

    private static Alert alert(String name, Alert.Status status) {
        return new Alert("alertmanager", "fp-" + name, "{}:{service=\"checkout\"}", status,
                Map.of("alertname", name, "severity", "critical", "service", "checkout"), Map.of("summary", name + " fires"),
                null, null, null);
    }

    private static List<Alert> firing(String name) {
        return List.of(alert(name, Alert.Status.FIRING));
    }

    /**
     * An alert declares; a second, a second later, is the quiet group's first change (noted at once); a third, a
     * second after that, falls inside the window and is held in memory. Returns the incident.
     */
    private String declareNoteAndHold(AlertIntake intake) {
        String incidentId = intake.receive(firing("CheckoutErrors")).declared().get(0);
        clock.advance(Duration.ofSeconds(1));
        intake.receive(firing("CheckoutLatency"));
        clock.advance(Duration.ofSeconds(1));
        intake.receive(firing("CheckoutSaturation"));
        return incidentId;
    }

    @Test
    void aNoteHeldByAProcessThatDiedIsPostedOnceByTheNextAfterTheWindowAndMargin() {
        RecordingNotifier first = new RecordingNotifier();
        AlertIntake dying = intake(first);
        String incidentId = declareNoteAndHold(dying); // then the process dies with the held note
        assertThat(first.digests).singleElement().satisfies(d -> assertThat(d.firing()).extracting(Alert::name)
                .containsExactly("CheckoutLatency"));

        RecordingNotifier second = new RecordingNotifier();
        AlertIntake restarted = intake(second);
        assertThat(restarted.recoverLostNotes()).as("a live process may still post it within window + margin").isZero();
        clock.advance(WINDOW.plus(DigestRecovery.MARGIN).plusSeconds(1));

        assertThat(restarted.recoverLostNotes()).isEqualTo(1);
        assertThat(second.digests).singleElement().satisfies(d -> {
            assertThat(d.incidentId()).isEqualTo(incidentId);
            assertThat(d.firing()).extracting(Alert::name).containsExactly("CheckoutSaturation");
            assertThat(d.firingCount()).isEqualTo(1);
            assertThat(d.resolvedCount()).isZero();
            assertThat(d.firingNow()).isEqualTo(3);
        });
        assertThat(incidents.timeline(incidentId)).extracting(TimelineEntry::text)
                .contains("1 alert joined (CheckoutSaturation); 3 still firing");
        assertThat(restarted.recoverLostNotes()).as("the mark moved: reported once").isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(restarted.recoverLostNotes()).isZero();
        assertThat(second.digests).hasSize(1);
    }

    @Test
    void notesThatWerePostedAreNeverPostedAgain() {
        RecordingNotifier notes = new RecordingNotifier();
        AlertIntake intake = intake(notes);
        declareNoteAndHold(intake);
        intake.close(); // an orderly stop posts what storm control held
        assertThat(notes.digests).hasSize(2);

        clock.advance(Duration.ofHours(1));
        RecordingNotifier after = new RecordingNotifier();
        assertThat(intake(after).recoverLostNotes()).isZero();
        assertThat(after.digests).isEmpty();
    }

    @Test
    void aRecoveryCountsEveryChangeAndNamesTheRecoveredOnes() {
        RecordingNotifier first = new RecordingNotifier();
        AlertIntake dying = intake(first);
        dying.receive(List.of(alert("A", Alert.Status.FIRING), alert("B", Alert.Status.FIRING)));
        clock.advance(Duration.ofSeconds(1));
        dying.receive(firing("C"));
        clock.advance(Duration.ofSeconds(1));
        // held: two more joined, one recovered
        dying.receive(List.of(alert("D", Alert.Status.FIRING), alert("E", Alert.Status.FIRING), alert("A", Alert.Status.RESOLVED)));

        RecordingNotifier second = new RecordingNotifier();
        clock.advance(WINDOW.plus(DigestRecovery.MARGIN).plusSeconds(1));
        assertThat(intake(second).recoverLostNotes()).isEqualTo(1);
        assertThat(second.digests).singleElement().satisfies(d -> {
            assertThat(d.firing()).extracting(Alert::name).containsExactlyInAnyOrder("D", "E");
            assertThat(d.firingCount()).isEqualTo(2);
            assertThat(d.resolved()).extracting(Alert::name).containsExactly("A");
            assertThat(d.firingNow()).isEqualTo(4);
        });
    }

    @Test
    void aResolvedIncidentsHeldNoteIsNotRecovered() {
        RecordingNotifier first = new RecordingNotifier();
        AlertIntake dying = intake(first);
        String incidentId = declareNoteAndHold(dying);
        incidents.resolve(incidentId, "U0ALICE", "rolled back");

        clock.advance(WINDOW.plus(DigestRecovery.MARGIN).plusSeconds(1));
        RecordingNotifier second = new RecordingNotifier();
        assertThat(intake(second).recoverLostNotes()).isZero();
        assertThat(second.digests).isEmpty();
    }

    /** Records the notes a process would post. */
    static final class RecordingNotifier implements AlertNotifier {
        final List<GroupDigest> digests = new CopyOnWriteArrayList<>();

        @Override
        public void incidentDigest(Handle handle, Incident incident, GroupDigest digest) {
            digests.add(digest);
        }

        @Override
        public void compactDigest(Handle handle, GroupDigest digest) {
            digests.add(digest);
        }
    }
}
