package dev.incidentbot.investigation;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.logsource.Fetched;
import dev.incidentbot.logsource.Limits;
import dev.incidentbot.logsource.LogSource;
import dev.incidentbot.logsource.LogSourceException;
import dev.incidentbot.logsource.LogSources;
import dev.incidentbot.logsource.SourceSpec;
import dev.incidentbot.logsource.SourceType;
import dev.incidentbot.logsource.Window;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The investigator on a real H2 file: which sources an incident gets, the window read, one run at a time, coalesced re-runs. */
@BothStores
class InvestigatorTest {
    private final TestStore store;

    InvestigatorTest(TestStore store) {
        this.store = store;
    }

    @TempDir
    Path dir;
    Database db;
    MutableClock clock = MutableClock.at("2026-12-03T10:30:00Z");
    IncidentService incidents;
    RecordingNotifier notifier = new RecordingNotifier();
    Map<String, AlertContext> stored = new java.util.concurrent.ConcurrentHashMap<>();
    Investigator investigator;

    @BeforeEach
    void open() {
        db = store.open(dir.resolve("bot"));
        incidents = new IncidentService(db.jdbi(), clock);
    }

    @AfterEach
    void close() {
        if (investigator != null) {
            investigator.close();
        }
        db.close();
    }

    private Investigator investigator(LogSource... sources) {
        Publisher publisher = new Publisher(db.jdbi(), incidents, notifier, r -> new byte[] {1, 2, 3}, clock);
        investigator = new Investigator(new LogSources(List.of(sources)), incidents,
                id -> stored.getOrDefault(id, AlertContext.none()), publisher, Limits.defaults(), clock);
        return investigator;
    }

    private Incident declare(String by) {
        return incidents.declare(new IncidentService.Declaration("Checkout slow", Severity.SEV3, null, by, "C0INC",
                by.equals("monitoring") ? "alertmanager" : "slack"));
    }

    @Test
    void anAlertOpenedIncidentIsAnalysedFromTheSourceItsLabelsPickOverStartMinusLookbackUpToNow() throws Exception {
        FakeSource checkout = new FakeSource("checkout-api", Map.of("service", "checkout"), slowVersionLog());
        FakeSource billing = new FakeSource("billing", Map.of("service", "billing"), slowVersionLog());
        investigator(checkout, billing);
        Incident inc = declare("monitoring");
        Instant firing = clock.instant().minus(Duration.ofMinutes(5));

        assertThat(investigator.alertOpened(inc.id(), new AlertContext(Map.of("service", "checkout", "env", "prod"), firing)))
                .isEqualTo(Investigator.Started.STARTED);
        assertThat(investigator.awaitIdle(20_000)).isTrue();

        assertThat(billing.windows).isEmpty();
        assertThat(checkout.windows).containsExactly(new Window(firing.minus(Duration.ofMinutes(30)), clock.instant()));
        assertThat(checkout.labels).containsExactly(Map.of("service", "checkout", "env", "prod"));
        assertThat(notifier.analysed).hasSize(1);
        SourcedReport r = notifier.analysed.get(0);
        assertThat(r.source()).isEqualTo("checkout-api");
        assertThat(r.report().rootCauseAttributes()).isEqualTo(Map.of("version", "2.4.1"));
        assertThat(r.recorded()).isTrue();
        Incident after = incidents.get(inc.id());
        assertThat(after.rootCause()).contains("version=2.4.1");
        assertThat(incidents.timeline(inc.id())).extracting(TimelineEntry::text)
                .anySatisfy(t -> assertThat(t).startsWith("Root cause identified: version=2.4.1"));
        List<AnalysisRecord> kept = db.jdbi().withExtension(AnalysisRepository.class, a -> a.forIncident(inc.id()));
        assertThat(kept).singleElement().satisfies(k -> {
            assertThat(k.source()).isEqualTo("checkout-api");
            assertThat(k.verdict()).isEqualTo("regression");
            assertThat(k.reportJson()).contains("\"version\": \"2.4.1\"", "\"source\": \"log source checkout-api\"");
            assertThat(k.chartPng()).containsExactly(1, 2, 3);
        });
    }

    @Test
    void anAlertNoSourceMatchesStartsNothing() throws Exception {
        FakeSource checkout = new FakeSource("checkout-api", Map.of("service", "checkout"), slowVersionLog());
        investigator(checkout);
        Incident inc = declare("monitoring");
        assertThat(investigator.alertOpened(inc.id(), new AlertContext(Map.of("service", "search"), null)))
                .isEqualTo(Investigator.Started.NO_SOURCE);
        assertThat(investigator.awaitIdle(1000)).isTrue();
        assertThat(checkout.windows).isEmpty();
        assertThat(notifier.analysed).isEmpty();
        assertThat(notifier.failed).isEmpty();
    }

    @Test
    void aSourceThatGivesNothingIsNamedWithItsReasonAndTheOthersStillRun() throws Exception {
        FakeSource broken = new FakeSource("hung-loki", Map.of(), null);
        FakeSource good = new FakeSource("checkout-api", Map.of(), slowVersionLog());
        investigator(broken, good);
        Incident inc = declare("U0ALICE");
        assertThat(investigator.request(inc.id())).isEqualTo(Investigator.Started.STARTED);
        assertThat(investigator.awaitIdle(20_000)).isTrue();
        assertThat(notifier.failed).containsExactly("hung-loki: timed out after 30 s");
        assertThat(notifier.analysed).extracting(SourcedReport::source).containsExactly("checkout-api");
    }

    @Test
    void anIncidentDeclaredByHandGetsOnlySourcesWithoutMatchAndNoneIsSaidClearly() {
        investigator(new FakeSource("checkout-api", Map.of("service", "checkout"), slowVersionLog()));
        Incident inc = declare("U0ALICE");
        assertThat(investigator.request(inc.id())).isEqualTo(Investigator.Started.NO_SOURCE);
        assertThat(investigator.noSourceReason(inc.id())).contains(inc.id() + " has no alerts", "`match`");
    }

    @Test
    void theStoredAlertsLabelsPickTheSourcesOfAReRun() throws Exception {
        FakeSource checkout = new FakeSource("checkout-api", Map.of("service", "checkout"), slowVersionLog());
        investigator(checkout);
        Incident inc = declare("monitoring");
        stored.put(inc.id(), new AlertContext(Map.of("service", "checkout"), null));
        assertThat(investigator.request(inc.id())).isEqualTo(Investigator.Started.STARTED);
        assertThat(investigator.awaitIdle(20_000)).isTrue();
        assertThat(checkout.windows).containsExactly(new Window(inc.declaredAt().minus(Duration.ofMinutes(30)), clock.instant()));
    }

    @Test
    void requestsWhileAnAnalysisRunsAreCoalescedIntoOneReRunAndRunsNeverOverlap() throws Exception {
        FakeSource slow = new FakeSource("checkout-api", Map.of(), slowVersionLog());
        slow.gate = new CountDownLatch(1);
        investigator(slow);
        Incident inc = declare("U0ALICE");
        assertThat(investigator.request(inc.id())).isEqualTo(Investigator.Started.STARTED);
        assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(investigator.request(inc.id())).isEqualTo(Investigator.Started.COALESCED);
        }
        clock.advance(Duration.ofMinutes(2));
        slow.gate.countDown();
        assertThat(investigator.awaitIdle(20_000)).isTrue();
        assertThat(slow.windows).hasSize(2);
        assertThat(slow.windows.get(1).to()).isEqualTo(clock.instant()); // the re-run reads up to its own now
        assertThat(slow.maxConcurrent).isEqualTo(1);
        assertThat(notifier.analysed).hasSize(2);
    }

    @Test
    void aStormOfIncidentsIsBoundedTheOverflowIsRefusedNotQueuedForever() throws Exception {
        FakeSource slow = new FakeSource("checkout-api", Map.of(), slowVersionLog());
        slow.gate = new CountDownLatch(1);
        investigator(slow);
        List<Investigator.Started> answers = new ArrayList<>();
        for (int i = 0; i < Investigator.THREADS + Investigator.QUEUE + 3; i++) {
            answers.add(investigator.request(declare("U0ALICE").id()));
        }
        assertThat(answers.stream().filter(a -> a == Investigator.Started.STARTED)).hasSize(Investigator.THREADS + Investigator.QUEUE);
        assertThat(answers.subList(answers.size() - 3, answers.size())).containsOnly(Investigator.Started.BUSY);
        slow.gate.countDown();
        assertThat(investigator.awaitIdle(60_000)).isTrue();
        assertThat(slow.maxConcurrent).isLessThanOrEqualTo(Investigator.THREADS);
    }

    /** A log where version 2.4.1 takes 40% of the traffic from minute 33 and is ten times slower. */
    static String slowVersionLog() {
        StringBuilder sb = new StringBuilder();
        java.util.Random rnd = new java.util.Random(7);
        Instant t0 = Instant.parse("2026-12-03T09:45:00Z");
        for (int i = 0; i < 3000; i++) {
            Instant t = t0.plusMillis(i * 900L);
            boolean late = i > 2200;
            String version = late && rnd.nextDouble() < 0.4 ? "2.4.1" : "2.4.0";
            double ms = 80 + rnd.nextGaussian() * 10 * (version.equals("2.4.1") ? 10 : 1) + (version.equals("2.4.1") ? 700 : 0);
            String status = version.equals("2.4.1") && rnd.nextDouble() < 0.3 ? "timeout" : "ok";
            sb.append("{\"timestamp\":\"").append(t).append("\",\"endpoint\":\"/api/e").append(i % 4)
                    .append("\",\"region\":\"r").append(i % 3).append("\",\"version\":\"").append(version)
                    .append("\",\"latency_ms\":").append(Math.round(Math.max(5, ms))).append(",\"status\":\"").append(status)
                    .append("\"}\n");
        }
        return sb.toString();
    }

    /** A source that serves a fixed log (or fails when it has none), records what it was asked, and can be held. */
    static final class FakeSource implements LogSource {
        final SourceSpec spec;
        final String log;
        final List<Window> windows = new CopyOnWriteArrayList<>();
        final List<Map<String, String>> labels = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch gate;
        private final java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        volatile int maxConcurrent;

        FakeSource(String name, Map<String, String> match, String log) {
            this.spec = new SourceSpec(name, SourceType.FILE, match, null, "/dev/null", null, null, null, null, null,
                    null, null, null, null, null, 0);
            this.log = log;
        }

        @Override
        public SourceSpec spec() {
            return spec;
        }

        @Override
        public Fetched fetch(Window window, Map<String, String> l, Limits limits, OutputStream out) throws LogSourceException {
            int now = inside.incrementAndGet();
            synchronized (this) {
                maxConcurrent = Math.max(maxConcurrent, now);
            }
            try {
                windows.add(window);
                labels.add(l);
                entered.countDown();
                if (gate != null) {
                    gate.await(30, TimeUnit.SECONDS);
                }
                if (log == null) {
                    throw new LogSourceException("timed out after 30 s");
                }
                byte[] b = log.getBytes(StandardCharsets.UTF_8);
                out.write(b);
                return new Fetched(log.lines().count(), b.length, null, "in memory");
            } catch (IOException | InterruptedException e) {
                throw new LogSourceException("broken: " + e);
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    /** Records what would reach Slack. */
    static final class RecordingNotifier implements InvestigationNotifier {
        final List<SourcedReport> analysed = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();

        @Override
        public void analysed(org.jdbi.v3.core.Handle h, Incident incident, SourcedReport result) {
            analysed.add(result);
        }

        @Override
        public void sourceFailed(org.jdbi.v3.core.Handle h, Incident incident, String source, String reason) {
            failed.add(source + ": " + reason);
        }
    }
}
