package dev.incidentbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.SlackRequests;
import dev.incidentbot.support.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slack events are handled once across replicas: two middlewares with different replica ids on one store. */
@BothStores
class OnceOnlyTest {
    private final TestStore store;

    OnceOnlyTest(TestStore store) {
        this.store = store;
    }

    @TempDir
    Path dir;
    private Database db;
    private final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
    private OnceOnly replicaA;
    private OnceOnly replicaB;
    private final List<String> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        db = store.open(dir);
        replicaA = new OnceOnly(db.jdbi(), clock, "replica-a");
        replicaB = new OnceOnly(db.jdbi(), clock, "replica-b");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static EventRequest event(String eventId, Integer retryNum) throws Exception {
        Map<String, Object> e = Map.of("type", "message", "channel", "C0INCIDENT", "ts", "1.1", "text", "lesson: x");
        Map<String, List<String>> headers = retryNum == null ? Map.of() : Map.of("X-Slack-Retry-Num", List.of("" + retryNum));
        return new EventRequest(SlackRequests.eventBody(e, eventId), new RequestHeaders(headers));
    }

    private Response through(OnceOnly replica, EventRequest req, int status) throws Exception {
        return replica.apply(req, Response.ok(), r -> {
            handled.add(((EventRequest) r).getRequestBodyAsString().replaceAll(".*\"event_id\":\"([^\"]+)\".*", "$1"));
            return Response.builder().statusCode(status).build();
        });
    }

    @Test
    void aRetryReachingTheOtherReplicaIsAcknowledgedButNotHandledAgain() throws Exception {
        assertThat(through(replicaA, event("Ev1", null), 200).getStatusCode()).isEqualTo(200);
        Response retry = through(replicaB, event("Ev1", 1), 200);
        Response again = through(replicaA, event("Ev1", 2), 200);

        assertThat(retry.getStatusCode()).as("acknowledged, so Slack stops retrying").isEqualTo(200);
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(handled).containsExactly("Ev1");
        through(replicaB, event("Ev2", null), 200);
        assertThat(handled).containsExactly("Ev1", "Ev2");
    }

    @Test
    void aFailedHandlingGivesTheEventBackSoSlacksRetryIsHandled() throws Exception {
        assertThat(through(replicaA, event("Ev1", null), 500).getStatusCode()).isEqualTo(500);
        through(replicaB, event("Ev1", 1), 200);
        through(replicaA, event("Ev1", 2), 200);

        assertThat(handled).containsExactly("Ev1", "Ev1");
    }

    @Test
    void theSameEventArrivingAtBothReplicasAtOnceIsHandledOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            OnceOnly replica = n % 2 == 0 ? replicaA : replicaB;
            String id = "Ev" + (n % 10);
            answers.add(pool.submit(() -> {
                go.await();
                return through(replica, event(id, null), 200);
            }));
        }
        go.countDown();
        for (Future<Response> f : answers) {
            assertThat(f.get(60, TimeUnit.SECONDS).getStatusCode()).isEqualTo(200);
        }
        pool.shutdown();
        assertThat(handled).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void keysOlderThanADayArePrunedAndOnlyThen() throws Exception {
        through(replicaA, event("Ev1", null), 200);
        clock.advance(Duration.ofHours(23));
        through(replicaA, event("Ev2", null), 200); // prunes nothing yet: Ev1 is 23 h old
        through(replicaB, event("Ev1", 3), 200);
        assertThat(handled).containsExactly("Ev1", "Ev2");

        clock.advance(Duration.ofHours(2));
        through(replicaA, event("Ev3", null), 200); // prunes Ev1 (25 h), keeps Ev2 (2 h)
        int left = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM slack_deliveries").mapTo(Integer.class).one());
        assertThat(left).isEqualTo(2);
    }
}
