package dev.incidentbot.slack;

import dev.incidentbot.incident.Incident;
import java.util.List;

/** Adds lines to an incident's announcement (an alert's summary, labels, runbook); lines are mrkdwn, already escaped. */
@FunctionalInterface
public interface AnnouncementSection {
    List<String> linesFor(Incident incident);
}
