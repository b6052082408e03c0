package dev.incidentbot.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.store.Database;
import dev.incidentbot.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;

/** The generic sender on a real H2 file: claims, leases, per-row backoff, Retry-After, giving up, order, replicas. */
@BothStores
class OutboxTest {
    private final TestStore store;

    OutboxTest(TestStore store) {
        this.store = store;
    }

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-03-14T18:00:00Z");

    @TempDir
    Path dir;
    private Database db;
    private final MutableClock clock = new MutableClock(T0);
    private final List<Outbox> outboxes = new ArrayList<>();

    @BeforeEach
    void open() {
        db = store.open(dir);
    }

    @AfterEach
    void close() {
        outboxes.forEach(Outbox::close);
        db.close();
    }

    private Outbox outbox(String replica, RetryPolicy retry, Deliverer... deliverers) {
        Outbox o = new Outbox(db.jdbi(), clock, replica, LEASE, POLL);
        for (Deliverer d : deliverers) {
            o.register(d, retry);
        }
        outboxes.add(o);
        return o;
    }

    private long write(String kind, String incident, String purpose) {
        return db.jdbi().inTransaction(h -> h.attach(OutboundCallRepository.class)
                .insert(new OutboundCall(kind, incident, purpose, "{}"), clock.instant()));
    }

    private Map<String, Object> row(long id) {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT attempts, last_error, sent_at, next_attempt_at, claimed_by FROM outbox WHERE id = :id")
                .bind("id", id).mapToMap().one());
    }

    private Instant nextAttempt(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT next_attempt_at FROM outbox WHERE id = :id")
                .bind("id", id).mapTo(Instant.class).one());
    }

    private static boolean within(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    /** Long enough for several polls to have run and found nothing due. */
    private static void severalPolls() throws InterruptedException {
        Thread.sleep(POLL.toMillis() * 8);
    }

    @Test
    void aRowIsDeliveredOnceAndMarkedInTheTransactionThatTellsTheDeliverer() throws Exception {
        RecordingDeliverer page = new RecordingDeliverer("page");
        long id = write("page", "INC-2026-001", "trigger");
        outbox("a", RetryPolicy.standard(), page).start();

        assertThat(within(Duration.ofSeconds(10), () -> page.delivered.contains(id))).isTrue();
        assertThat(page.attemptsOf(id)).hasSize(1);
        assertThat(row(id)).containsEntry("attempts", 1).containsEntry("last_error", null).containsEntry("claimed_by", null);
        assertThat(row(id).get("sent_at")).isNotNull();
    }

    @Test
    void aRetryableFailureWaitsItsBackoffOnTheClockThenTwiceAsLong() throws Exception {
        RecordingDeliverer page = new RecordingDeliverer("page")
                .failNext(DeliveryFailure.retryable("503", null), DeliveryFailure.retryable("503", null));
        long id = write("page", "INC-2026-001", "trigger");
        outbox("a", RetryPolicy.standard(), page).start();

        assertThat(within(Duration.ofSeconds(10), () -> row(id).get("next_attempt_at") != null)).isTrue();
        assertThat(nextAttempt(id)).isEqualTo(T0.plusSeconds(15));
        severalPolls();
        assertThat(page.attemptsOf(id)).as("not due before its backoff").hasSize(1);

        clock.advance(Duration.ofSeconds(15));
        assertThat(within(Duration.ofSeconds(10), () -> page.attemptsOf(id).size() == 2)).isTrue();
        assertThat(within(Duration.ofSeconds(10), () -> row(id).get("next_attempt_at") != null
                && nextAttempt(id).equals(T0.plusSeconds(15 + 30)))).isTrue();
        clock.advance(Duration.ofSeconds(29));
        severalPolls();
        assertThat(page.attemptsOf(id)).hasSize(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(within(Duration.ofSeconds(10), () -> page.delivered.contains(id))).isTrue();
        assertThat(page.attemptsOf(id)).extracting(RecordingDeliverer.Attempt::attemptsBefore).containsExactly(0, 1, 2);
        assertThat(row(id)).containsEntry("attempts", 3).containsEntry("last_error", null);
    }

    @Test
    void retryAfterFromTheFarSideIsHonouredInsteadOfTheBackoff() throws Exception {
        RecordingDeliverer page = new RecordingDeliverer("page")
                .failNext(DeliveryFailure.retryable("429 Too Many Requests", Duration.ofSeconds(120)));
        long id = write("page", "INC-2026-001", "trigger");
        outbox("a", RetryPolicy.standard(), page).start();

        assertThat(within(Duration.ofSeconds(10), () -> row(id).get("next_attempt_at") != null)).isTrue();
        assertThat(nextAttempt(id)).isEqualTo(T0.plusSeconds(120));
        assertThat(row(id)).containsEntry("last_error", "429 Too Many Requests");
        clock.advance(Duration.ofSeconds(15)); // the backoff alone would be due now
        severalPolls();
        assertThat(page.attemptsOf(id)).hasSize(1);

        clock.advance(Duration.ofSeconds(105));
        assertThat(within(Duration.ofSeconds(10), () -> page.delivered.contains(id))).isTrue();
        assertThat(page.attemptsOf(id)).hasSize(2);
    }

    @Test
    void afterTheLastAttemptTheRowIsGivenUpAndTheDelivererToldOnce() throws Exception {
        RecordingDeliverer page = new RecordingDeliverer("page").failAlways(DeliveryFailure.retryable("timeout", null));
        long id = write("page", "INC-2026-001", "trigger");
        outbox("a", RetryPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 3), page).start();

        for (int attempt = 1; attempt <= 2; attempt++) {
            int n = attempt;
            // The row's own count, written with next_attempt_at in one update: the deliverer's record alone is seen
            // mid-attempt, while the previous next_attempt_at is still set, and advancing then skips a backoff.
            assertThat(within(Duration.ofSeconds(10), () -> ((Number) row(id).get("attempts")).intValue() == n
                    && row(id).get("next_attempt_at") != null)).isTrue();
            assertThat(page.attemptsOf(id)).hasSize(n);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(within(Duration.ofSeconds(10), () -> page.gaveUp.size() == 1)).isTrue();
        assertThat(page.gaveUp).containsExactly(id + " gave up after 3 attempts: timeout");
        assertThat(row(id)).containsEntry("attempts", 3).containsEntry("last_error", "gave up after 3 attempts: timeout");
        assertThat(row(id).get("sent_at")).as("closed: never tried again").isNotNull();

        clock.advance(Duration.ofMinutes(10));
        severalPolls();
        assertThat(page.attemptsOf(id)).hasSize(3);
        assertThat(page.gaveUp).hasSize(1);
        assertThat(page.delivered).isEmpty();
    }

    @Test
    void aRefusalIsGivenUpAtTheFirstAttempt() throws Exception {
        RecordingDeliverer mail = new RecordingDeliverer("mail").failNext(DeliveryFailure.permanent("550 no such user"));
        long id = write("mail", "INC-2026-001", "declared-mail");
        outbox("a", RetryPolicy.standard(), mail).start();

        assertThat(within(Duration.ofSeconds(10), () -> mail.gaveUp.size() == 1)).isTrue();
        assertThat(mail.gaveUp).containsExactly(id + " 550 no such user");
        clock.advance(Duration.ofHours(1));
        severalPolls();
        assertThat(mail.attemptsOf(id)).hasSize(1);
    }

    @Test
    void anIncidentsRowsGoInOrderWhileOtherIncidentsAndKindsDoNotWait() throws Exception {
        RecordingDeliverer page = new RecordingDeliverer("page").failNext(DeliveryFailure.retryable("503", null));
        RecordingDeliverer mail = new RecordingDeliverer("mail");
        long trigger = write("page", "INC-2026-001", "trigger");
        long resolve = write("page", "INC-2026-001", "resolve");
        long other = write("page", "INC-2026-002", "trigger");
        long mailed = write("mail", "INC-2026-001", "declared-mail");
        outbox("a", RetryPolicy.standard(), page, mail).start();

        assertThat(within(Duration.ofSeconds(10), () -> page.delivered.contains(other) && mail.delivered.contains(mailed)))
                .isTrue();
        severalPolls();
        assertThat(page.attemptsOf(resolve)).as("waits for the incident's earlier page").isEmpty();

        clock.advance(Duration.ofSeconds(15));
        assertThat(within(Duration.ofSeconds(10), () -> page.delivered.contains(resolve))).isTrue();
        assertThat(page.delivered).containsExactly(other, trigger, resolve);
    }

    @Test
    void aClaimHeldByADeadSenderIsTakenOverOnceItsLeaseRunsOut() throws Exception {
        RecordingDeliverer page = new RecordingDeliverer("page");
        long id = write("page", "INC-2026-001", "trigger");
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE outbox SET claimed_by = 'dead:1:x', claimed_until = :until WHERE id = :id")
                .bind("until", T0.plus(LEASE)).bind("id", id).execute());
        outbox("alive", RetryPolicy.standard(), page).start();

        severalPolls();
        assertThat(page.attempts).as("the dead sender's lease still holds").isEmpty();

        clock.advance(LEASE.plusSeconds(1));
        assertThat(within(Duration.ofSeconds(10), () -> page.delivered.contains(id))).isTrue();
        assertThat(page.attemptsOf(id)).hasSize(1);
    }

    @Test
    void theOnlySenderOfAStoreTakesBackItsPreviousRunsClaimsAtStartWithoutWaitingForTheLease() throws Exception {
        RecordingDeliverer page = new RecordingDeliverer("page");
        long id = write("page", "INC-2026-001", "trigger");
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE outbox SET claimed_by = 'previous-run:1:x', claimed_until = :until WHERE id = :id")
                .bind("until", T0.plus(LEASE)).bind("id", id).execute());
        outbox("restarted", RetryPolicy.standard(), page).start(true);

        assertThat(within(Duration.ofSeconds(10), () -> page.delivered.contains(id))).as("sent before the old lease ran out").isTrue();
        assertThat(page.attemptsOf(id)).hasSize(1);
        boolean orphaned = db.jdbi().withHandle(h -> h.createQuery("SELECT orphaned FROM outbox WHERE id = :id").bind("id", id)
                .mapTo(Boolean.class).one());
        assertThat(orphaned).as("marked so a Slack post is looked for before it is repeated").isTrue();
    }

    @Test
    void twoSendersOnOneDatabaseSendEveryRowExactlyOnceAndInOrderPerIncident() throws Exception {
        List<RecordingDeliverer.Attempt> attempts = new CopyOnWriteArrayList<>();
        Map<String, Object> incidentLocks = new ConcurrentHashMap<>();
        Outbox a = outbox("a", RetryPolicy.standard(), new RecordingDeliverer("page", "a", attempts));
        Outbox b = outbox("b", RetryPolicy.standard(), new RecordingDeliverer("page", "b", attempts));
        a.start();
        b.start();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.execute(() -> {
                for (int i = 0; i < 125; i++) {
                    // incidents shared by the writers, and some rows with no incident at all
                    String incident = i % 5 == 0 ? null : "INC-2026-" + (i % 20);
                    if (incident == null) {
                        write("page", null, writer + "-" + i);
                    } else {
                        // The app writes an incident's rows under the incident's row lock (IncidentRepository.lock),
                        // so they commit in id order; unserialised writers could commit a later id first.
                        synchronized (incidentLocks.computeIfAbsent(incident, k -> new Object())) {
                            write("page", incident, writer + "-" + i);
                        }
                    }
                    (i % 2 == 0 ? a : b).wake();
                }
            });
        }
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(a.awaitIdle(60_000)).isTrue();

        assertThat(attempts).hasSize(500);
        assertThat(attempts.stream().map(RecordingDeliverer.Attempt::id).distinct().count()).isEqualTo(500);
        assertThat(attempts).extracting(RecordingDeliverer.Attempt::replica).contains("a", "b");
        for (int n = 0; n < 20; n++) {
            String incident = "INC-2026-" + n;
            List<Long> sent = attempts.stream().filter(x -> incident.equals(x.incidentId()))
                    .map(RecordingDeliverer.Attempt::id).toList();
            assertThat(sent).as(incident).isSorted();
        }
    }
}
