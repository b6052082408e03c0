package dev.incidentbot.web.pages;

import dev.incidentbot.incident.IncidentSummary;
import java.util.List;

/** The incident list page: the filter as given, one page of incidents, and links to the pages around it. */
public record ListView(Chrome chrome, ListQuery query, List<IncidentSummary> incidents, int total, String previous, String next,
                       String error) {
}
