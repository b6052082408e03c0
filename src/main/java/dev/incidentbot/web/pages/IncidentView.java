package dev.incidentbot.web.pages;

import dev.incidentbot.alert.AlertSummary;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.investigation.AnalysisSummary;
import dev.incidentbot.retro.RetroNote;
import java.util.List;

/** The incident page: the record, its timeline, alerts, analyses (with chart links) and retro notes. */
public record IncidentView(Chrome chrome, Incident incident, List<TimelineEntry> timeline, List<AlertSummary> alerts,
                           List<AnalysisSummary> analyses, List<RetroNote> notes) {
}
