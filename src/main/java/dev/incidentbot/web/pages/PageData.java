package dev.incidentbot.web.pages;

import dev.incidentbot.alert.AlertQueries;
import dev.incidentbot.alert.AlertSummary;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentQueries;
import dev.incidentbot.incident.IncidentRepository;
import dev.incidentbot.incident.IncidentSummary;
import dev.incidentbot.incident.ResponseTimes;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.incident.TimelineRepository;
import dev.incidentbot.investigation.AnalysisQueries;
import dev.incidentbot.investigation.AnalysisSummary;
import dev.incidentbot.retro.RetroNote;
import dev.incidentbot.retro.RetroRepository;
import dev.incidentbot.retro.RetroService;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** What the pages read, through the domains' read-only queries; one handle per page. */
public final class PageData {
    static final int MAX_ALERTS = 200;
    private final Jdbi jdbi;
    private final RetroService retro;

    public PageData(Jdbi jdbi, RetroService retro) {
        this.jdbi = jdbi;
        this.retro = retro;
    }

    /** One page of the list and the total the filter lets through. */
    public record ListPage(List<IncidentSummary> incidents, int total) {
    }

    /** Everything the incident page shows, read on one handle (no transaction: read-only, and a commit costs a store write). */
    public record IncidentRecord(Incident incident, List<TimelineEntry> timeline, List<AlertSummary> alerts,
                         List<AnalysisSummary> analyses, List<RetroNote> notes) {
    }

    public ListPage list(ListQuery q) {
        return jdbi.withExtension(IncidentQueries.class, r -> new ListPage(
                r.page(q.filter(), ListQuery.PAGE_SIZE, q.offset()), r.count(q.filter())));
    }

    public Optional<IncidentRecord> incident(String id) {
        return jdbi.withHandle(h -> h.attach(IncidentRepository.class).find(id).map(i -> new IncidentRecord(i,
                h.attach(TimelineRepository.class).forIncident(id),
                h.attach(AlertQueries.class).forIncident(id, MAX_ALERTS),
                h.attach(AnalysisQueries.class).forIncident(id),
                h.attach(RetroRepository.class).notes(id).stream().filter(n -> !n.deleted()).toList())));
    }

    public Optional<byte[]> chart(String incidentId, long analysisId) {
        return jdbi.withExtension(AnalysisQueries.class, r -> r.chart(incidentId, analysisId));
    }

    /** The postmortem in Markdown, as `/incident retro export` gives it; empty for an unknown incident. */
    public Optional<String> postmortem(String incidentId) {
        boolean known = jdbi.withExtension(IncidentRepository.class, r -> r.find(incidentId)).isPresent();
        return known ? Optional.of(retro.markdown(incidentId)) : Optional.empty();
    }

    public List<ResponseTimes> responseTimes(Instant since) {
        return jdbi.withExtension(IncidentQueries.class, r -> r.responseTimes(since));
    }
}
