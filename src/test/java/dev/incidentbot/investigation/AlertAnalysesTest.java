package dev.incidentbot.investigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.investigation.InvestigatorTest.FakeSource;
import dev.incidentbot.investigation.InvestigatorTest.RecordingNotifier;
import dev.incidentbot.logsource.Limits;
import dev.incidentbot.logsource.LogSources;
import dev.incidentbot.logsource.Window;
import dev.incidentbot.outbox.Outbox;
import dev.incidentbot.outbox.OutboundCall;
import dev.incidentbot.outbox.OutboundCallRepository;
import dev.incidentbot.outbox.RetryPolicy;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert's analysis as an outbox row on a real store: written with the alerts' transaction or not at all, run
 * once by whichever sender is running when it is due (also one started after the writer died), never for labels no
 * source fits, and an unreadable request is closed with its reason instead of retried.
 */
@BothStores
class AlertAnalysesTest {
    private final TestStore store;
    @TempDir
    Path dir;
    Database db;
    final MutableClock clock = MutableClock.at("2026-12-03T10:30:00Z");
    IncidentService incidents;
    final RecordingNotifier notifier = new RecordingNotifier();
    final FakeSource checkout = new FakeSource("checkout-api", Map.of("service", "checkout"), InvestigatorTest.slowVersionLog());
    Investigator investigator;
    AlertAnalyses analyses;
    Outbox outbox;

    AlertAnalysesTest(TestStore store) {
        this.store = store;
    }

    @BeforeEach
    void open() {
        db = store.open(dir.resolve("bot"));
        incidents = new IncidentService(db.jdbi(), clock);
        Publisher publisher = new Publisher(db.jdbi(), incidents, notifier, r -> new byte[] {1}, clock);
        investigator = new Investigator(new LogSources(List.of(checkout)), incidents, id -> AlertContext.none(), publisher,
                Limits.defaults(), clock);
        outbox = new Outbox(db.jdbi(), clock, "replica-a", Duration.ofSeconds(60), Duration.ofMillis(50));
        analyses = new AlertAnalyses(investigator, outbox::wakeAfterCommit, clock);
        outbox.register(analyses, RetryPolicy.standard());
    }

    @AfterEach
    void close() {
        outbox.close();
        investigator.close();
        db.close();
    }

    private Incident declared() {
        return incidents.declare(new IncidentService.Declaration("Checkout slow", Severity.SEV2, null,
                IncidentService.MONITORING, "C0INC", "alertmanager"));
    }

    private Map<String, Object> row(String incidentId) {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT kind, purpose, payload, attempts, last_error, sent_at FROM outbox WHERE incident_id = :i AND kind = 'analysis'")
                .bind("i", incidentId).mapToMap().one());
    }

    private int rows() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE kind = 'analysis'")
                .mapTo(Integer.class).one());
    }

    @Test
    void theRequestCommitsWithTheAlertsTransactionAndTheSenderRunsItOnce() throws Exception {
        Incident inc = declared();
        Instant since = clock.instant().minus(Duration.ofMinutes(5));
        db.jdbi().useTransaction(h -> analyses.request(h, inc, Map.of("service", "checkout", "pod", "a-1"), since));
        assertThat(row(inc.id())).containsEntry("purpose", "alert-opened").containsEntry("sent_at", null);
        assertThat(checkout.windows).as("nothing runs before a sender does").isEmpty();

        outbox.start();
        assertThat(outbox.awaitIdle(20_000)).isTrue();

        assertThat(checkout.windows).containsExactly(new Window(since.minus(Duration.ofMinutes(30)), clock.instant()));
        assertThat(checkout.labels).containsExactly(Map.of("service", "checkout", "pod", "a-1"));
        assertThat(notifier.analysed).singleElement()
                .satisfies(r -> assertThat(r.report().rootCauseAttributes()).isEqualTo(Map.of("version", "2.4.1")));
        assertThat(row(inc.id()).get("sent_at")).as("marked once the analysis was published").isNotNull();
        assertThat(row(inc.id())).containsEntry("attempts", 1).containsEntry("last_error", null);

        clock.advance(Duration.ofHours(1));
        Thread.sleep(300); // several polls of the sender
        assertThat(checkout.windows).as("never run twice").hasSize(1);
    }

    @Test
    void aTransactionThatRollsBackAsksForNoAnalysis() throws Exception {
        Incident inc = declared();
        assertThatThrownBy(() -> db.jdbi().useTransaction(h -> {
            analyses.request(h, inc, Map.of("service", "checkout"), null);
            throw new IllegalStateException("the alerts could not be stored");
        })).hasMessage("the alerts could not be stored");

        assertThat(rows()).isZero();
        outbox.start();
        assertThat(outbox.awaitIdle(5_000)).isTrue();
        assertThat(checkout.windows).isEmpty();
    }

    @Test
    void alertsNoSourceFitsWriteNoRequest() throws Exception {
        Incident inc = declared();
        db.jdbi().useTransaction(h -> analyses.request(h, inc, Map.of("service", "search"), null));

        assertThat(rows()).isZero();
        assertThat(checkout.windows).isEmpty();
    }

    @Test
    void aRequestLeftUnsentByAProcessThatDiedIsRunByTheNextSenderThatStarts() throws Exception {
        Incident inc = declared();
        // written and committed by a process that died before its sender took the row
        db.jdbi().useTransaction(h -> analyses.request(h, inc, Map.of("service", "checkout"), null));

        outbox.start(true);
        assertThat(outbox.awaitIdle(20_000)).isTrue();
        assertThat(checkout.windows).as("counted from the declaration when the alerts gave no start")
                .containsExactly(new Window(inc.declaredAt().minus(Duration.ofMinutes(30)), clock.instant()));
        assertThat(notifier.analysed).hasSize(1);
    }

    @Test
    void anUnreadableRequestIsClosedWithItsReasonAndRunsNothing() throws Exception {
        Incident inc = declared();
        db.jdbi().useTransaction(h -> h.attach(OutboundCallRepository.class).insert(
                new OutboundCall(AlertAnalyses.KIND, inc.id(), "alert-opened", "{\"labels\": 7}"), clock.instant()));

        outbox.start();
        assertThat(outbox.awaitIdle(20_000)).isTrue();
        assertThat(row(inc.id()).get("sent_at")).isNotNull();
        assertThat((String) row(inc.id()).get("last_error")).startsWith("unreadable analysis request");
        assertThat(checkout.windows).isEmpty();
    }

    @Test
    void thePayloadKeepsTheLabelsAndTheStartExactly() throws Exception {
        AlertContext c = new AlertContext(Map.of("service", "check\"out", "region", "eu-1"), Instant.parse("2026-12-03T10:25:00Z"));
        assertThat(AlertAnalyses.context(AlertAnalyses.payload(c))).isEqualTo(c);
        AlertContext none = new AlertContext(Map.of("service", "x"), null);
        assertThat(AlertAnalyses.context(AlertAnalyses.payload(none))).isEqualTo(none);
    }
}
