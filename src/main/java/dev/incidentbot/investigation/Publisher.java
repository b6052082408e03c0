package dev.incidentbot.investigation;

import dev.incidentbot.analysis.Report;
import dev.incidentbot.analysis.render.JsonRenderer;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.logsource.Fetched;
import dev.incidentbot.logsource.Window;
import java.time.Clock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an analysis of an incident where people find it: the chart drawn, the root cause recorded on the incident
 * (timeline, show, resolution, postmortem) while it is open, the report and chart kept with it, and the summary
 * posted in its thread. Used for analyses of log sources and of logs people give alike.
 */
public final class Publisher {
    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    private final Jdbi jdbi;
    private final IncidentService incidents;
    private final InvestigationNotifier notifier;
    private final ChartMaker chart;
    private final Clock clock;

    public Publisher(Jdbi jdbi, IncidentService incidents, InvestigationNotifier notifier, ChartMaker chart, Clock clock) {
        this.jdbi = jdbi;
        this.incidents = incidents;
        this.notifier = notifier;
        this.chart = chart;
        this.clock = clock;
    }

    /**
     * Publishes one analysis of {@code incident}.
     *
     * @param source  the source's name or what a person gave ("Slack file F0123")
     * @param window  the time read, or null
     * @param fetched what a source gave, or null
     * @param actor   who asked (a Slack user id), or the analysis itself
     */
    public SourcedReport publish(Incident incident, String source, Window window, Fetched fetched, Report report, String actor) {
        byte[] png = null;
        try {
            png = chart.png(report);
        } catch (Exception e) {
            log.warn("chart for {} from {} not drawn: {}", incident.id(), source, e.toString());
        }
        String json = JsonRenderer.render(report);
        byte[] stored = png;
        boolean record = report.isAnomaly() && incident.isOpen();
        SourcedReport result = new SourcedReport(source, window, fetched, report, png, SourcedReport.suggest(report), record);
        // The analyses row, the root cause (with its timeline entry and thread note) and the posts: one transaction.
        java.util.function.BiConsumer<Handle, Incident> storeAndPost = (h, current) -> {
            h.attach(AnalysisRepository.class).insert(incident.id(), clock.instant(), clip(source, 200),
                    report.verdict(), clip(report.headline(), 4000), clip(actor, 64), json, stored);
            notifier.analysed(h, current, result);
        };
        if (record) {
            incidents.recordRootCause(incident.id(), actor, report.headline(), json, storeAndPost);
        } else {
            jdbi.useTransaction(h -> storeAndPost.accept(h, incident));
        }
        return result;
    }

    /** A source gave nothing: said in the incident's thread. */
    public void sourceFailed(Incident incident, String source, String reason) {
        jdbi.useTransaction(h -> notifier.sourceFailed(h, incident, source, reason));
    }

    private static String clip(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
