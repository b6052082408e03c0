package dev.incidentbot.alert;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentbot.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group commit on a real H2 file: shared transactions, order, a failing job failing alone. */
@BothStores
class AlertWriterTest {
    private final TestStore store;

    AlertWriterTest(TestStore store) {
        this.store = store;
    }

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;
    private Database db;
    private AlertWriter<TestJob> writer;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void open() {
        db = store.open(dir.resolve("db/bot"));
        writer = new AlertWriter<>(db.jdbi(), (repo, jobs) -> {
            for (int i = 0; i < jobs.size(); i++) {
                if (jobs.get(i).apply(repo)) {
                    return i + 1;
                }
            }
            return jobs.size();
        });
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        writer.close();
        db.close();
    }

    /** A job whose part of the shared transaction is {@link #apply}; true when it needs the writer alone after it. */
    private interface TestJob extends AlertWriter.Job {
        boolean apply(AlertRepository repo);
    }

    /** A job that stores one group row, optionally doing more inside or after the transaction; it needs no replicas' lock. */
    private static TestJob group(String hash, Consumer<AlertRepository> inside, Runnable after, boolean alone) {
        return group(hash, inside, after, alone, false);
    }

    private static TestJob group(String hash, Consumer<AlertRepository> inside, Runnable after, boolean alone,
                                 boolean needsReplicaLock) {
        return new TestJob() {
            @Override
            public boolean needsReplicaLock() {
                return needsReplicaLock;
            }

            @Override
            public boolean apply(AlertRepository repo) {
                repo.insertGroup("test", hash, "key-" + hash, AT);
                inside.accept(repo);
                return alone;
            }

            @Override
            public void afterCommit() {
                after.run();
            }
        };
    }

    private static TestJob group(String hash) {
        return group(hash, r -> { }, () -> { }, false);
    }

    private List<String> storedGroups() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT group_hash FROM alert_groups ORDER BY id").mapTo(String.class).list());
    }

    @Test
    void deliveriesQueuedWhileAnotherCommitsShareOneTransaction() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = pool.submit(() -> writer.apply(List.of(group("a", r -> {
            inFirst.countDown();
            await(release);
        }, () -> { }, false))));
        assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<?>> others = new ArrayList<>();
        for (String h : List.of("b", "c", "d", "e", "f")) {
            others.add(pool.submit(() -> writer.apply(List.of(group(h)))));
        }
        waitUntil(() -> writer.queued() == 5);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> f : others) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(storedGroups()).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f");
        assertThat(writer.transactions()).isEqualTo(2);
        assertThat(writer.jobs()).isEqualTo(6);
    }

    @Test
    void aFailingJobFailsAloneAndTheOthersAreStored() {
        List<String> followed = Collections.synchronizedList(new ArrayList<>());
        TestJob bad = group("bad", r -> {
            throw new IllegalArgumentException("this delivery is broken");
        }, () -> followed.add("bad"), false);
        assertThatThrownBy(() -> writer.apply(List.of(group("x", r -> { }, () -> followed.add("x"), false), bad,
                group("y", r -> { }, () -> followed.add("y"), false))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("this delivery is broken");
        // the bad job's own row went with its rollback; the others were applied again, one per transaction
        assertThat(storedGroups()).containsExactly("x", "y");
        assertThat(followed).containsExactly("x", "y");
    }

    @Test
    void aJobThatNeedsTheWriterAloneEndsTheBatchSoTheNextOneSeesItsFollowUp() {
        List<Boolean> sawFollowUp = new ArrayList<>();
        TestJob declares = group("g1", r -> { }, () -> writer.inTransaction((h, r) -> {
            r.insertGroup("test", "declared", "declared", AT);
            return null;
        }), true);
        TestJob next = group("g2", r -> sawFollowUp.add(!r.findGroups("test", List.of("declared")).isEmpty()), () -> { }, false);
        writer.apply(List.of(declares, next));
        assertThat(sawFollowUp).containsExactly(true);
        assertThat(storedGroups()).containsExactly("g1", "declared", "g2");
        assertThat(writer.transactions()).isEqualTo(2);
    }

    @Test
    void aBatchThatNeedsTheReplicasLockIsRolledBackAndRunAgainHoldingItOnPostgres() {
        // what the writer's session holds, seen from another connection while the job is being applied
        List<Integer> advisoryLocksWhileApplying = new ArrayList<>();
        TestJob declares = group("g1", r -> advisoryLocksWhileApplying.add(store == TestStore.POSTGRESQL
                ? db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'")
                        .mapTo(Integer.class).one()) : 0), () -> { }, false, true);
        TestJob joins = group("g2");

        writer.apply(List.of(joins));
        writer.apply(List.of(declares));

        assertThat(storedGroups()).containsExactly("g2", "g1");
        assertThat(writer.transactions()).isEqualTo(2);
        if (store == TestStore.POSTGRESQL) {
            assertThat(advisoryLocksWhileApplying).as("tried without the lock, then applied again holding it").containsExactly(0, 1);
        } else {
            assertThat(advisoryLocksWhileApplying).as("H2 is one process: applied once, no lock").containsExactly(0);
        }
    }

    @Test
    void writingOutsideAJobIsRefused() {
        assertThatThrownBy(() -> writer.inTransaction((h, r) -> r.insertGroup("test", "h", "k", AT)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(storedGroups()).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.sleep(5);
        }
    }
}
