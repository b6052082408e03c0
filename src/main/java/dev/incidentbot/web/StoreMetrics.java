package dev.incidentbot.web;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentListener;
import dev.incidentbot.incident.IncidentQueries;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.investigation.AnalysisQueries;
import dev.incidentbot.outbox.OutboxQueries;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * The bot's own figures on /metrics. Counts come from the store at scrape time (so they survive restarts and agree
 * across replicas): open incidents by severity, reminders and escalations delivered, analyses kept, the outbox backlog.
 * Durations are recorded as they happen in this process: time to resolve by severity and analysis run time.
 */
public final class StoreMetrics implements IncidentListener {
    private final MeterRegistry registry;
    private final Timer analysisTime;

    private StoreMetrics(MeterRegistry registry, Timer analysisTime) {
        this.registry = registry;
        this.analysisTime = analysisTime;
    }

    /** Registers the store-backed meters; the result records resolutions (as a listener) and analysis times. */
    public static StoreMetrics bind(MeterRegistry registry, Jdbi jdbi) {
        for (Severity s : Severity.values()) {
            Gauge.builder("incidentbot.incidents.open", jdbi, j -> read(() -> j.withExtension(IncidentQueries.class, q -> q.openCount(s))))
                    .description("Incidents not yet resolved, by severity").tag("severity", s.name()).register(registry);
        }
        for (String purpose : new String[] {"reminder", "escalation"}) {
            FunctionCounter.builder("incidentbot." + purpose + "s.sent", jdbi,
                            j -> read(() -> j.withExtension(OutboxQueries.class, q -> q.delivered(purpose))))
                    .description("Status-update " + purpose + "s delivered to Slack (from the outbox)").register(registry);
        }
        FunctionCounter.builder("incidentbot.analyses", jdbi, j -> read(() -> j.withExtension(AnalysisQueries.class, AnalysisQueries::count)))
                .description("Analyses kept with their incidents").register(registry);
        Gauge.builder("incidentbot.outbox.backlog", jdbi, j -> read(() -> j.withExtension(OutboxQueries.class, OutboxQueries::backlog)))
                .description("Outbox rows not yet delivered").register(registry);
        Timer analysis = Timer.builder("incidentbot.analysis.duration").description("Analyses of incidents from log sources, fetch to publish")
                .publishPercentileHistogram(true).minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        return new StoreMetrics(registry, analysis);
    }

    /** A count from the store, or NaN while the store does not answer: /metrics still answers then (and /health says why). */
    static double read(java.util.function.Supplier<? extends Number> count) {
        try {
            return count.get().doubleValue();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Records one analysis run's duration. */
    public void analysed(Duration took) {
        analysisTime.record(took);
    }

    @Override
    public void resolved(Incident incident, String actor) {
        if (incident.resolvedAt() == null) {
            return;
        }
        Timer.builder("incidentbot.incident.time.to.resolve").description("From declaration to resolution, by severity")
                .tag("severity", incident.severity().name().toUpperCase(Locale.ROOT))
                .publishPercentileHistogram(true).minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofDays(14))
                .register(registry).record(Duration.between(incident.declaredAt(), incident.resolvedAt()));
    }
}
