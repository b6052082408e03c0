package dev.incidentbot.investigation;

import dev.incidentbot.analysis.report.Report;

/** Draws a report's chart as PNG bytes; wired to the analyzer's chart renderer, replaceable in tests. */
@FunctionalInterface
public interface ChartMaker {
    byte[] png(Report report) throws Exception;
}
