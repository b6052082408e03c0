package dev.incidentbot.alert;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.alert.AlertBatch.Decided;
import dev.incidentbot.alert.AlertBatch.Delivery;
import dev.incidentbot.alert.AlertPolicy.Action;
import dev.incidentbot.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deliveries decided together in one group commit get the decisions they would get one by one (real H2 file). */
@BothStores
class AlertBatchTest {
    private final TestStore store;

    AlertBatchTest(TestStore store) {
        this.store = store;
    }

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    private final AlertPolicy policy = new AlertPolicy(SeverityRules.defaults());

    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() {
        db = store.open(dir.resolve("db/bot"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Alert warning(String fingerprint, String group, Alert.Status status) {
        return new Alert("alertmanager", fingerprint, group, status, Map.of("alertname", "DiskAlmostFull", "severity", "warning"),
                Map.of("summary", "disk 85% full"), AT, status == Alert.Status.FIRING ? null : AT.plusSeconds(60), null);
    }

    private static Delivery delivery(Alert... alerts) {
        String group = alerts[0].groupKey();
        return new Delivery("alertmanager", group, AlertParser.sha256(group), List.of(alerts));
    }

    /** Decides the deliveries in one batch, in one transaction, as the writer does, and returns the decisions. */
    private List<Decided> inOneBatch(Delivery... deliveries) {
        return db.jdbi().inTransaction(h -> {
            AlertBatch batch = new AlertBatch(h.attach(AlertRepository.class), policy, AT);
            batch.prefetch(List.of(deliveries));
            List<Decided> out = new ArrayList<>();
            for (Delivery d : deliveries) {
                out.add(batch.decide(d));
            }
            batch.flush();
            return out;
        });
    }

    private <T> T query(Function<Handle, T> q) {
        return db.jdbi().withHandle(q::apply);
    }

    private List<String> rows() {
        return query(h -> h.createQuery("SELECT fingerprint || ':' || status FROM alerts ORDER BY fingerprint").mapTo(String.class).list());
    }

    @Test
    void aReDeliveryLaterInTheSameBatchIsADuplicateOfTheFirst() {
        Delivery first = delivery(warning("fp-1", "g-disk", Alert.Status.FIRING));
        List<Decided> d = inOneBatch(first, first);

        assertThat(d.get(0).plan().changed()).hasSize(1);
        assertThat(d.get(0).plan().has(Action.POST_COMPACT)).isTrue();
        assertThat(d.get(1).plan().changed()).isEmpty();
        assertThat(d.get(1).plan().duplicates()).isEqualTo(1);
        assertThat(rows()).containsExactly("fp-1:FIRING");
        int groups = query(h -> h.createQuery("SELECT COUNT(*) FROM alert_groups").mapTo(Integer.class).one());
        assertThat(groups).isEqualTo(1);
    }

    @Test
    void anAlertThatFiresAndRecoversInOneBatchIsStoredOnceAsRecovered() {
        List<Decided> d = inOneBatch(delivery(warning("fp-1", "g-disk", Alert.Status.FIRING)),
                delivery(warning("fp-2", "g-disk", Alert.Status.FIRING)),
                delivery(warning("fp-1", "g-disk", Alert.Status.RESOLVED)));

        assertThat(d).allMatch(Decided::stored);
        assertThat(d.get(2).plan().newlyResolved()).extracting(Alert::fingerprint).containsExactly("fp-1");
        assertThat(rows()).containsExactly("fp-1:RESOLVED", "fp-2:FIRING");
    }

    @Test
    void theBatchDecidesAsOneByOneWouldOnAStoreThatAlreadyHoldsAlerts() {
        inOneBatch(delivery(warning("fp-1", "g-disk", Alert.Status.FIRING)));
        // a new batch reads what the first one committed
        List<Decided> d = inOneBatch(delivery(warning("fp-1", "g-disk", Alert.Status.FIRING)),
                delivery(warning("fp-1", "g-disk", Alert.Status.RESOLVED)),
                delivery(warning("fp-1", "g-disk", Alert.Status.RESOLVED)));

        assertThat(d.get(0).plan().duplicates()).isEqualTo(1);
        assertThat(d.get(1).plan().newlyResolved()).hasSize(1);
        assertThat(d.get(2).plan().duplicates()).isEqualTo(1);
        assertThat(rows()).containsExactly("fp-1:RESOLVED");
    }

    @Test
    void aCriticalAlertForANewGroupIsLeftForTheFollowUpToDeclare() {
        Alert critical = new Alert("alertmanager", "fp-c", "g-api", Alert.Status.FIRING,
                Map.of("alertname", "ApiDown", "severity", "critical"), Map.of(), AT, null, null);
        List<Decided> d = inOneBatch(delivery(critical));

        assertThat(d.get(0).plan().has(Action.DECLARE)).isTrue();
        assertThat(d.get(0).stored()).isFalse();
        assertThat(d.get(0).needsWriterAlone()).isTrue();
        assertThat(rows()).as("declaring comes first, then the follow-up stores the alert").isEmpty();
    }
}
