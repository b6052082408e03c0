package dev.incidentbot.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.incidentbot.analysis.input.InputSummary;
import dev.incidentbot.analysis.report.Report;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.investigation.SourcedReport;
import dev.incidentbot.slack.Escaping;
import java.util.ArrayList;
import java.util.List;

/**
 * An analysis of an incident as posted in its thread: the compact summary (culprit, onset, before/after, impact,
 * immediate action), where the records came from, a <em>Re-run analysis</em> button and, when the failure rate calls
 * for another severity than the incident has, a button to apply the policy's one (never applied without a click).
 */
public final class InvestigationBlocks {
    public static final String ACTION_RERUN = "analysis_rerun";
    public static final String ACTION_APPLY_SEVERITY = "analysis_apply_severity";
    private static final int SECTION_MAX = 2900;

    private InvestigationBlocks() {
    }

    public static SlackMessage summary(Incident incident, SourcedReport s) {
        Report r = s.report();
        List<LayoutBlock> blocks = new ArrayList<>();
        String from = Escaping.text(s.source());
        StringBuilder head = new StringBuilder();
        if (r.isAnomaly()) {
            head.append("🔎 *Root cause* (computed from ").append(from).append("): ").append(Escaping.text(r.headline()));
        } else {
            head.append("🔎 *Log analysis* of ").append(from).append(": no anomaly. ").append(Escaping.text(r.headline()));
        }
        blocks.add(section(b -> b.text(markdownText(IncidentBlocks.truncate(head.toString(), SECTION_MAX)))));
        List<String> lines = keyEvidence(r);
        if (!lines.isEmpty()) {
            StringBuilder ev = new StringBuilder();
            lines.forEach(l -> ev.append("• ").append(Escaping.text(l)).append('\n'));
            blocks.add(section(b -> b.text(markdownText(IncidentBlocks.truncate(ev.toString(), SECTION_MAX)))));
        }
        if (r.isAnomaly() && r.immediateAction() != null && !r.immediateAction().isBlank()) {
            blocks.add(section(b -> b.text(markdownText(IncidentBlocks.truncate("*Immediate action*\n"
                    + Escaping.text(r.immediateAction()), SECTION_MAX)))));
        }
        Severity suggested = s.suggested();
        boolean differs = suggested != null && incident.isOpen() && suggested != incident.severity();
        if (differs) {
            String pct = String.format("%.0f%%", 100 * SourcedReport.windowFailureRate(r));
            blocks.add(section(b -> b.text(markdownText("*Severity:* " + pct + " of requests failed since the change; the policy calls that "
                    + suggested.display() + ", the incident is " + incident.severity().display() + "."))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(IncidentBlocks.truncate(provenance(incident, s), SECTION_MAX))))));
        List<BlockElement> buttons = new ArrayList<>();
        buttons.add(button(b -> b.actionId(ACTION_RERUN).text(plainText("Re-run analysis")).value(incident.id())));
        if (differs) {
            buttons.add(button(b -> b.actionId(ACTION_APPLY_SEVERITY).text(plainText("Apply " + suggested.name()))
                    .value(incident.id() + "|" + suggested.name()).style("primary")));
        }
        blocks.add(actions(a -> a.blockId("analysis_actions_" + incident.id()).elements(buttons)));
        String text = (r.isAnomaly() ? "Root cause (computed from " + from + "): " : "Log analysis of " + from + ": ")
                + Escaping.text(r.headline());
        return new SlackMessage(IncidentBlocks.truncate(text, 3000), blocks);
    }

    /** One line in the thread naming a source that gave nothing, and why. */
    public static SlackMessage sourceFailed(String source, String reason) {
        String t = "⚠️ Log source *" + Escaping.text(source) + "* gave nothing to analyse: " + Escaping.text(reason);
        return new SlackMessage(IncidentBlocks.truncate(t, 3000), List.of(section(b -> b.text(markdownText(IncidentBlocks.truncate(t, SECTION_MAX))))));
    }

    /** The culprit's own line, the slowdown and the impact: the figures a responder needs first. */
    static List<String> keyEvidence(Report r) {
        List<String> out = new ArrayList<>();
        List<String> ev = r.evidence();
        if (ev.isEmpty()) {
            return out;
        }
        out.add(ev.get(0));
        for (String e : ev.subList(1, ev.size())) {
            if (e.startsWith("Slowdown") || e.startsWith("Impact")) {
                out.add(e);
            }
        }
        return out;
    }

    private static String provenance(Incident incident, SourcedReport s) {
        InputSummary in = s.report().input();
        StringBuilder p = new StringBuilder("Read ").append(String.format("%,d", in.records())).append(" records");
        if (s.window() != null) {
            p.append(" of ").append(Format.utc(s.window().from())).append(" – ").append(Format.utc(s.window().to()));
        }
        if (s.fetched() != null && s.fetched().detail() != null) {
            p.append(" (").append(Escaping.text(s.fetched().detail())).append(')');
        }
        p.append(" as ").append(Escaping.text(in.format()));
        if (in.repaired() + in.skipped() > 0) {
            p.append(", ").append(in.repaired()).append(" repaired, ").append(in.skipped()).append(" skipped");
        }
        if (s.fetched() != null && s.fetched().capped()) {
            p.append(". Capped at ").append(Escaping.text(s.fetched().cappedBy())).append(": the rest of the window was not read");
        }
        if (in.sampledStride() > 1) {
            p.append(". Sampled: every ").append(in.sampledStride()).append(" records kept");
        }
        p.append(". Computed from the logs, no AI model");
        p.append(s.recorded() ? "; recorded as the root cause of " + incident.id() + "." : ".");
        return p.toString();
    }
}
