package dev.incidentbot.analysis.render;

import dev.incidentbot.analysis.report.Report;

/** The report as Markdown: the same four sections as the text form, with headings and bullets. */
public final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    public static String render(Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Root cause").append(r.isAnomaly() ? "" : ": none found (`no_anomaly`)").append("\n\n");
        sb.append("**").append(escape(r.headline())).append("**\n\n");
        for (String e : r.evidence()) {
            sb.append("- ").append(escape(e)).append('\n');
        }
        sb.append("\n## Immediate action\n\n").append(escape(r.immediateAction())).append('\n');
        sb.append("\n## Prevention\n\n").append(escape(r.prevention())).append('\n');
        sb.append("\n## Retro notes\n\n");
        for (String n : r.retroNotes()) {
            sb.append("- ").append(escape(n)).append('\n');
        }
        sb.append("\n## Input\n\n");
        for (String line : TextRenderer.inputLines(r.input())) {
            sb.append("- ").append(escape(line)).append('\n');
        }
        return sb.toString();
    }

    /** Keeps values from the log (which may contain * or _) from turning into emphasis. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
                .replace("<", "&lt;").replace(">", "&gt;");
    }
}
