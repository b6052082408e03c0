package dev.incidentbot.analysis.render;

import dev.incidentbot.analysis.input.FieldRoles;
import dev.incidentbot.analysis.input.InputSummary;
import dev.incidentbot.analysis.report.Report;
import java.util.ArrayList;
import java.util.List;

/** The report as plain text in four sections (Root cause, Immediate action, Prevention, Retro notes) + input. */
public final class TextRenderer {
    private TextRenderer() {
    }

    public static String render(Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Root cause").append(r.isAnomaly() ? "" : ": none found (no_anomaly)").append('\n');
        sb.append("  ").append(r.headline()).append('\n');
        for (String e : r.evidence()) {
            sb.append("  - ").append(e).append('\n');
        }
        sb.append('\n').append("Immediate action\n  ").append(r.immediateAction()).append('\n');
        sb.append('\n').append("Prevention\n  ").append(r.prevention()).append('\n');
        sb.append('\n').append("Retro notes\n");
        for (String n : r.retroNotes()) {
            sb.append("  - ").append(n).append('\n');
        }
        sb.append('\n').append("Input\n");
        for (String line : inputLines(r.input())) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    /** Lines describing what was read, shared with the Markdown renderer. */
    static List<String> inputLines(InputSummary in) {
        List<String> out = new ArrayList<>();
        StringBuilder first = new StringBuilder();
        first.append(in.source()).append(": ").append(in.format()).append(", ").append(in.records())
                .append(" records, ").append(in.repaired()).append(" repaired, ").append(in.skipped())
                .append(" skipped");
        out.add(first.toString());
        for (var e : in.repairReasons().entrySet()) {
            out.add("repaired " + e.getValue() + ": " + e.getKey());
        }
        for (var e : in.skipReasons().entrySet()) {
            out.add("skipped " + e.getValue() + ": " + e.getKey());
        }
        if (in.sampledStride() > 1) {
            out.add("memory cap reached: every " + in.sampledStride() + "th record analysed, counts scaled");
        }
        FieldRoles f = in.roles();
        out.add("time: " + (f.timeField() == null ? "none (record order)" : f.timeField())
                + "; latency: " + (f.latencyField() == null ? "none" : f.latencyField() + ", unit " + f.latencyUnit())
                + "; outcome: " + (f.outcomeField() == null ? "none" : f.outcomeField()
                + (f.failureValues().isEmpty() ? " (no failure values seen in the sample)"
                : " (failures: " + String.join(", ", f.failureValues()) + ")")));
        out.add("dimensions: " + (f.dimensions().isEmpty() ? "none" : String.join(", ", f.dimensions()))
                + (f.ignored().isEmpty() ? "" : "; not dimensions: " + describe(f)));
        return out;
    }

    private static String describe(FieldRoles f) {
        List<String> items = new ArrayList<>();
        for (var e : f.ignored().entrySet()) {
            items.add(e.getKey() + " (" + e.getValue() + ")");
        }
        return String.join(", ", items);
    }
}
