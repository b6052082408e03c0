package dev.incidentbot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import dev.incidentbot.analysis.input.InputSummary;
import dev.incidentbot.analysis.report.Report;
import dev.incidentbot.slack.Escaping;
import java.util.ArrayList;
import java.util.List;

/** The analyzer's four-part report (root cause, immediate action, prevention, retro notes) as Block Kit. */
public final class AnalysisBlocks {
    private static final int SECTION_MAX = 2900;

    private AnalysisBlocks() {
    }

    /** @param incidentId the incident the analysis was recorded on, or null */
    public static SlackMessage report(Report r, String incidentId) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String title = r.isAnomaly() ? "🔎 Log analysis: root cause found" : "🔎 Log analysis: no anomaly";
        blocks.add(header(h -> h.text(plainText(pt -> pt.text(title).emoji(true)))));
        StringBuilder cause = new StringBuilder("*Root cause*\n").append(Escaping.text(r.headline())).append('\n');
        for (String e : r.evidence()) {
            cause.append("• ").append(Escaping.text(e)).append('\n');
        }
        blocks.add(section(s -> s.text(markdownText(IncidentBlocks.truncate(cause.toString(), SECTION_MAX)))));
        if (r.immediateAction() != null && !r.immediateAction().isBlank()) {
            blocks.add(section(s -> s.text(markdownText(IncidentBlocks.truncate("*Immediate action*\n" + Escaping.text(r.immediateAction()), SECTION_MAX)))));
        }
        if (r.prevention() != null && !r.prevention().isBlank()) {
            blocks.add(section(s -> s.text(markdownText(IncidentBlocks.truncate("*Prevention*\n" + Escaping.text(r.prevention()), SECTION_MAX)))));
        }
        if (!r.retroNotes().isEmpty()) {
            StringBuilder retro = new StringBuilder("*Retro notes*\n");
            r.retroNotes().forEach(n -> retro.append("• ").append(Escaping.text(n)).append('\n'));
            blocks.add(section(s -> s.text(markdownText(IncidentBlocks.truncate(retro.toString(), SECTION_MAX)))));
        }
        blocks.add(divider());
        InputSummary in = r.input();
        String input = "Read " + Escaping.text(in.source()) + " as " + Escaping.text(in.format()) + ": " + in.records() + " records, "
                + in.repaired() + " repaired, " + in.skipped() + " skipped. Computed from the log, no AI model"
                + (incidentId == null ? "." : "; recorded as the root cause of " + incidentId + ".");
        blocks.add(context(c -> c.elements(List.of(markdownText(IncidentBlocks.truncate(input, SECTION_MAX))))));
        String text = (r.isAnomaly() ? "Root cause: " : "Log analysis: ") + Escaping.text(r.headline());
        return new SlackMessage(IncidentBlocks.truncate(text, 3000), blocks);
    }
}
