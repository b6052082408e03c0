package dev.incidentbot.investigation;

import dev.incidentbot.analysis.AnalyzeOptions;
import dev.incidentbot.analysis.LogAnalyzer;
import dev.incidentbot.analysis.input.UnreadableInputException;
import dev.incidentbot.analysis.report.Report;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.logsource.Fetched;
import dev.incidentbot.logsource.Limits;
import dev.incidentbot.logsource.LogSource;
import dev.incidentbot.logsource.LogSourceException;
import dev.incidentbot.logsource.Window;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One analysis of one incident: each picked source's window ([start − lookback, now]) is read into a temporary file,
 * analysed and published; a source that gives nothing is named in the thread with its reason, and the others go on.
 */
final class InvestigationRun {
    private static final Logger log = LoggerFactory.getLogger(InvestigationRun.class);
    static final String ACTOR = "log-analysis";

    private final IncidentService incidents;
    private final Publisher publisher;
    private final Limits limits;
    private final Clock clock;

    InvestigationRun(IncidentService incidents, Publisher publisher, Limits limits, Clock clock) {
        this.incidents = incidents;
        this.publisher = publisher;
        this.limits = limits;
        this.clock = clock;
    }

    void run(Incident incident, AlertContext context, List<LogSource> sources) {
        Instant start = context.firingSince() != null && context.firingSince().isBefore(incident.declaredAt())
                ? context.firingSince() : incident.declaredAt();
        for (LogSource source : sources) {
            Instant now = clock.instant();
            Window window = new Window(start.minus(source.lookback()), now.isBefore(start) ? start : now);
            long t0 = System.nanoTime();
            Path tmp = null;
            try {
                tmp = Files.createTempFile("incident-bot-" + incident.id() + "-", ".log");
                Fetched fetched;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    fetched = source.fetch(window, context.labels(), limits, out);
                }
                long read = System.nanoTime();
                Report report = new LogAnalyzer(AnalyzeOptions.defaults().withSeries(true)).analyze(tmp).withSourceName("log source " + source.name());
                log.info("analysed {} from {}: {}, {} records ({}), read {} ms, analysed {} ms", incident.id(), source.name(),
                        report.verdict(), fetched.records(), fetched.detail(), (read - t0) / 1_000_000,
                        (System.nanoTime() - read) / 1_000_000);
                publisher.publish(incidents.find(incident.id()).orElse(incident), source.name(), window, fetched, report, ACTOR);
            } catch (LogSourceException e) {
                log.info("source {} gave nothing for {}: {}", source.name(), incident.id(), e.getMessage());
                publisher.sourceFailed(incident, source.name(), e.getMessage());
            } catch (UnreadableInputException e) {
                publisher.sourceFailed(incident, source.name(), "its records could not be analysed: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                String ref = UUID.randomUUID().toString().substring(0, 8);
                log.error("analysis of {} from {} failed (reference {})", incident.id(), source.name(), ref, e);
                publisher.sourceFailed(incident, source.name(), "the analysis failed unexpectedly (reference " + ref + " in the bot's log)");
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException e) {
                        log.warn("could not delete {}", tmp);
                    }
                }
            }
        }
    }
}
