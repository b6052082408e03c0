package dev.incidentbot.analysis.report;

import dev.incidentbot.analysis.input.InputSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The analyzer's answer in the four parts the seed challenge asks for (root cause with evidence, one immediate
 * action, one prevention, retro notes), plain text only, with the computed details behind it.
 *
 * @param verdict "regression" or "no_anomaly"
 * @param headline one plain sentence
 * @param rootCauseAttributes the smallest set of dimension values that explains the trouble, empty if none
 * @param startedAt when the culprit's trouble started, null when no_anomaly
 * @param evidence plain-text bullet lines with the numbers
 * @param immediateAction one action plus the check that proves it worked
 * @param prevention one long-term improvement matched to the cause
 * @param retroNotes three or four points
 * @param input what was read
 * @param analysis windows, per-group statistics and scores
 * @param timeline the chart's series, null unless asked for (AnalyzeOptions.withSeries) and the log has timestamps
 */
public record Report(String verdict, String headline, Map<String, String> rootCauseAttributes, Instant startedAt,
                     List<String> evidence, String immediateAction, String prevention, List<String> retroNotes,
                     InputSummary input, Analysis analysis, Timeline timeline) {

    public static final String REGRESSION = "regression";
    public static final String NO_ANOMALY = "no_anomaly";

    /** A report without the chart's series. */
    public Report(String verdict, String headline, Map<String, String> rootCauseAttributes, Instant startedAt,
                  List<String> evidence, String immediateAction, String prevention, List<String> retroNotes,
                  InputSummary input, Analysis analysis) {
        this(verdict, headline, rootCauseAttributes, startedAt, evidence, immediateAction, prevention, retroNotes,
                input, analysis, null);
    }

    public boolean isAnomaly() {
        return REGRESSION.equals(verdict);
    }

    /** The same report, naming its input as people know it (a log source) rather than by a temporary file. */
    public Report withSourceName(String name) {
        InputSummary i = input;
        return new Report(verdict, headline, rootCauseAttributes, startedAt, evidence, immediateAction, prevention,
                retroNotes, new InputSummary(name, i.format(), i.records(), i.repaired(), i.skipped(), i.repairReasons(),
                i.skipReasons(), i.roles(), i.sampledStride()), analysis, timeline);
    }
}
