package dev.incidentbot.incident;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.incidentbot.UserError;
import dev.incidentbot.outbox.OutboundCall;
import dev.incidentbot.outbox.OutboundCallRepository;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@BothStores
class IncidentServiceTest {
    private final TestStore store;

    IncidentServiceTest(TestStore store) {
        this.store = store;
    }

    @TempDir
    Path dir;
    Database db;
    MutableClock clock = MutableClock.at("2026-03-14T18:06:00Z");
    IncidentService service;
    IncidentListener notifier = mock(IncidentListener.class);

    @BeforeEach
    void open() {
        db = store.open(dir);
        service = new IncidentService(db.jdbi(), clock);
        service.addListener(notifier);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Incident declare(String title, Severity s) {
        return service.declare(new IncidentService.Declaration(title, s, null, "U0ALICE", "C0INC", "slack"));
    }

    @Test
    void declareRecordsThePolicyFieldsAndNotifiesAfterCommit() {
        // What another thread can read at the moment the listener is told: only committed rows. (Jdbi reuses the
        // transaction's handle for nested calls on the same thread, so the read must come from elsewhere.)
        AtomicReference<Optional<Incident>> seen = new AtomicReference<>();
        AtomicReference<Integer> seenTimeline = new AtomicReference<>();
        doAnswer(inv -> {
            Incident told = inv.getArgument(0);
            Thread reader = new Thread(() -> {
                seen.set(service.find(told.id()));
                seenTimeline.set(service.timeline(told.id()).size());
            });
            reader.start();
            reader.join(5_000);
            return null;
        }).when(notifier).declared(any(), any());
        Incident i = declare("Kenya lenders time out", Severity.SEV2);
        assertThat(i.id()).isEqualTo("INC-2026-001");
        assertThat(i.status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(i.commander()).isEqualTo("U0ALICE");
        assertThat(i.declaredAt()).isEqualTo(clock.instant());
        assertThat(service.find(i.id())).contains(i);
        assertThat(service.timeline(i.id())).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TimelineKind.DECLARED);
            assertThat(e.actor()).isEqualTo("U0ALICE");
        });
        verify(notifier).declared(i, null); // a person's declaration carries no monitoring trigger
        assertThat(seen.get()).as("the incident was committed before listeners were told").contains(i);
        assertThat(seenTimeline.get()).isEqualTo(1);
    }

    @Test
    void twentyConcurrentDeclaresGetTwentyDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Incident>> futures = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            int k = n;
            futures.add(pool.submit(() -> {
                go.await();
                return declare("Parallel " + k, Severity.SEV3);
            }));
        }
        go.countDown();
        Set<String> ids = new HashSet<>();
        for (Future<Incident> f : futures) {
            ids.add(f.get().id());
        }
        pool.shutdown();
        assertThat(ids).hasSize(20);
        assertThat(ids).allMatch(id -> id.matches("INC-2026-0(0[1-9]|1[0-9]|20)"));
    }

    @Test
    void idsAreNeverReusedAcrossRestartsAndRestartEachYear() {
        declare("one", Severity.SEV4);
        declare("two", Severity.SEV4);
        db.close();
        db = store.open(dir);
        service = new IncidentService(db.jdbi(), clock);
        assertThat(declare("three", Severity.SEV4).id()).isEqualTo("INC-2026-003");
        clock.set(java.time.Instant.parse("2027-01-01T00:00:01Z"));
        assertThat(declare("new year", Severity.SEV4).id()).isEqualTo("INC-2027-001");
    }

    @Test
    void statusUpdatesResetTheUpdateClockAndBothConcurrentUpdatesLand() throws Exception {
        Incident i = declare("x", Severity.SEV3);
        clock.advance(Duration.ofMinutes(7));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> a = pool.submit(() -> service.postStatus(i.id(), "U0ALICE", "first"));
        Future<?> b = pool.submit(() -> service.postStatus(i.id(), "U0BOB", "second"));
        a.get();
        b.get();
        pool.shutdown();
        Incident after = service.get(i.id());
        assertThat(after.lastUpdateAt()).isEqualTo(clock.instant());
        assertThat(after.humanTouched()).isTrue();
        assertThat(service.timeline(i.id())).extracting(TimelineEntry::text).contains("first", "second");
    }

    @Test
    void resolveComputesResolutionMinutesAndKeepsTheAnalysedRootCause() {
        Incident i = declare("x", Severity.SEV2);
        service.recordRootCause(i.id(), "U0ALICE", "modelVersion=v1.3 is 6.6x slower", "{}");
        assertThat(service.get(i.id()).status()).isEqualTo(IncidentStatus.IDENTIFIED);
        clock.advance(Duration.ofMinutes(50));
        Incident r = service.resolve(i.id(), "U0ALICE", "Rolled back to v1.2");
        assertThat(r.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(r.resolutionTimeMinutes()).isEqualTo(50L);
        assertThat(r.rootCause()).isEqualTo("modelVersion=v1.3 is 6.6x slower");
        verify(notifier).resolved(r, "U0ALICE");
    }

    @Test
    void mistakesAreUserErrorsAndChangeNothing() {
        Incident i = declare("x", Severity.SEV3);
        assertThatThrownBy(() -> service.postStatus("INC-2026-999", "U0ALICE", "hi")).isInstanceOf(UserError.class)
                .hasMessageContaining("INC-2026-999");
        assertThatThrownBy(() -> service.postStatus(i.id(), "U0ALICE", "   ")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> service.changeSeverity(i.id(), "U0ALICE", Severity.SEV3)).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> declare("  ", Severity.SEV3)).isInstanceOf(UserError.class);
        service.resolve(i.id(), "U0ALICE", "done");
        assertThatThrownBy(() -> service.resolve(i.id(), "U0ALICE", "again")).isInstanceOf(UserError.class);
        assertThat(service.timeline(i.id())).extracting(TimelineEntry::kind)
                .containsExactly(TimelineKind.DECLARED, TimelineKind.RESOLVED);
        verify(notifier, never()).statusPosted(any(), any());
        verify(notifier, never()).severityChanged(any(), eq(Severity.SEV3), any());
    }

    @Test
    void listsOpenIncidentsMostSevereFirst() {
        declare("low", Severity.SEV4);
        declare("crit", Severity.SEV1);
        Incident mid = declare("mid", Severity.SEV3);
        service.resolve(mid.id(), "U0ALICE", "done");
        assertThat(service.listOpen()).extracting(Incident::title).containsExactly("crit", "low");
    }

    @Test
    void whatMonitoringSawReachesTheListenersAsAnArgument() {
        Trigger trigger = new Trigger("HighErrorRate", "alertmanager", 3, "5xx above 5%", java.util.Map.of("service", "checkout"),
                null, null, new Trigger.FirstSteps("High error rate", null, List.of("Identify the error type")));
        Incident i = service.declare(new IncidentService.Declaration("HighErrorRate: checkout", Severity.SEV1, null,
                IncidentService.MONITORING, "C0INC", "alertmanager", trigger));
        verify(notifier).declared(i, trigger);
    }

    @Test
    void aFailingInTransactionListenerRollsTheChangeBackAndTheCallerGetsTheError() {
        Incident kept = declare("before", Severity.SEV3);
        service.addTxListener(new IncidentTxListener() {
            @Override
            public void declared(Handle h, Incident incident, Trigger trigger) {
                h.attach(OutboundCallRepository.class).insert(new OutboundCall("page", incident.id(), "trigger", "{}"),
                        clock.instant());
                throw new IllegalStateException("outbox write failed");
            }

            @Override
            public void statusPosted(Handle h, Incident incident, TimelineEntry update) {
                throw new IllegalStateException("outbox write failed");
            }
        });

        assertThatThrownBy(() -> declare("never stored", Severity.SEV2)).hasMessageContaining("outbox write failed");
        assertThatThrownBy(() -> service.postStatus(kept.id(), "U0ALICE", "lost with its post"))
                .hasMessageContaining("outbox write failed");

        assertThat(service.listOpen()).containsExactly(service.get(kept.id()));
        assertThat(service.timeline(kept.id())).extracting(TimelineEntry::text).noneMatch(t -> t.contains("lost"));
        assertThat(service.get(kept.id()).lastUpdateAt()).isEqualTo(kept.lastUpdateAt());
        int outboxRows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox").mapTo(Integer.class).one());
        assertThat(outboxRows).as("the page written before the failure rolled back with the incident").isZero();
        verify(notifier, never()).statusPosted(any(), any());
        // the number was not used up either: the next declaration takes 002
        IncidentService fresh = new IncidentService(db.jdbi(), clock);
        assertThat(fresh.declare(new IncidentService.Declaration("next", Severity.SEV3, null, "U0ALICE", "C0INC", "slack"))
                .id()).isEqualTo("INC-2026-002");
    }

    @Test
    void aFailingAfterCommitListenerCannotUndoTheCommittedChange() {
        service.addListener(new IncidentListener() {
            @Override
            public void declared(Incident incident, Trigger trigger) {
                throw new IllegalStateException("boom"); // e.g. Quartz down: the reminder sweep schedules it later
            }
        });
        Incident i = declare("still stored", Severity.SEV3);
        assertThat(service.find(i.id())).isPresent();
    }

    @Test
    void twoReplicasDeclaringAtOnceNeverShareAnId() throws Exception {
        IncidentService other = new IncidentService(db.jdbi(), clock); // a second replica's service on the same store
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Incident>> futures = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            IncidentService s = n % 2 == 0 ? service : other;
            int k = n;
            futures.add(pool.submit(() -> {
                go.await();
                return s.declare(new IncidentService.Declaration("replica " + k, Severity.SEV3, null, "U0ALICE", "C0INC", "slack"));
            }));
        }
        go.countDown();
        Set<String> ids = new HashSet<>();
        for (Future<Incident> f : futures) {
            ids.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS).id());
        }
        pool.shutdown();
        assertThat(ids).hasSize(40);
        assertThat(service.listOpen()).hasSize(40);
    }
}
