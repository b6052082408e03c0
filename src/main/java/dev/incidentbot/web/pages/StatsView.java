package dev.incidentbot.web.pages;

import dev.incidentbot.incident.ResponseStats;
import java.util.List;

/** The stats page: response times per severity against the policy, and incidents per week over {@code weeks} weeks. */
public record StatsView(Chrome chrome, int weeks, List<ResponseStats.Row> rows, List<ResponseStats.Week> perWeek) {
}
