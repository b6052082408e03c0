package dev.incidentbot.investigation;

import dev.incidentbot.analysis.report.Report;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.logsource.Fetched;
import dev.incidentbot.logsource.Window;

/**
 * One analysis of an incident and where its records came from.
 *
 * @param source    the log source's name, or what a person gave ("Slack file F0123", "pasted log")
 * @param window    the time read, null for a log a person gave
 * @param fetched   what the source gave, null for a log a person gave
 * @param chartPng  the chart, null when it could not be drawn (the report still stands)
 * @param suggested the policy's severity for the failure rate in the window, null when nothing was found
 * @param recorded  whether the root cause was recorded on the incident
 */
public record SourcedReport(String source, Window window, Fetched fetched, Report report, byte[] chartPng,
                            Severity suggested, boolean recorded) {

    /** The failure rate of the incident window, over every request the analysis counted after the change point. */
    public static double windowFailureRate(Report report) {
        var a = report.analysis();
        if (a == null || a.culprit() == null) {
            return 0;
        }
        long failed = a.culprit().incidentFailed() + (a.rest() == null ? 0 : a.rest().incidentFailed());
        long requests = a.culprit().incidentRequests() + (a.rest() == null ? 0 : a.rest().incidentRequests());
        return requests == 0 ? 0 : (double) failed / requests;
    }

    /** The suggestion for a report: only when it found something (a healthy log suggests nothing). */
    public static Severity suggest(Report report) {
        return report.isAnomaly() ? Severity.forFailureRate(windowFailureRate(report)) : null;
    }
}
