package dev.incidentbot.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.incidentbot.alert.Alert;
import dev.incidentbot.alert.GroupDigest;
import dev.incidentbot.incident.Trigger;
import dev.incidentbot.slack.Escaping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Alert messages as pure functions of alert records and monitoring triggers; every label and annotation is escaped (they are untrusted). */
public final class AlertBlocks {
    private static final int MAX_LABELS = 12;

    private AlertBlocks() {
    }

    /** Lines for the 🚨 announcement of an incident opened by monitoring: summary, labels, links and runbook steps. */
    public static List<String> announcementLines(Trigger t) {
        List<String> lines = new ArrayList<>();
        StringBuilder alert = new StringBuilder("*Alert:* `").append(Escaping.code(t.name())).append("` from ")
                .append(Escaping.text(t.source()));
        if (t.count() > 1) {
            alert.append(" (").append(t.count()).append(" alerts firing)");
        }
        if (t.summary() != null) {
            alert.append("\n").append(Escaping.text(t.summary()));
        }
        lines.add(alert.toString());
        lines.add("*Labels:* " + labels(t.labels()));
        List<String> links = new ArrayList<>();
        if (t.runbookUrl() != null) {
            links.add("*Runbook:* " + Escaping.link(t.runbookUrl(), t.runbookUrl()));
        }
        if (t.url() != null) {
            links.add("*Source:* " + Escaping.link(t.url(), "view in " + t.source()));
        }
        if (!links.isEmpty()) {
            lines.add(String.join(" · ", links));
        }
        if (t.firstSteps() != null) {
            lines.add(firstSteps(t.firstSteps()));
        }
        return lines;
    }

    static String firstSteps(Trigger.FirstSteps r) {
        StringBuilder sb = new StringBuilder("*First steps: runbook ").append(Escaping.text(r.name())).append("*");
        if (r.url() != null) {
            sb.append(" (").append(Escaping.link(r.url(), "full runbook")).append(")");
        }
        for (int i = 0; i < r.steps().size(); i++) {
            sb.append("\n").append(i + 1).append(". ").append(Escaping.text(r.steps().get(i)));
        }
        return sb.toString();
    }

    /** A thread note for a group's incident: alerts joined, partial recovery, or all recovered with a person in charge. */
    public static String incidentNote(GroupDigest d) {
        List<String> parts = new ArrayList<>();
        if (d.firingCount() > 0) {
            parts.add("➕ " + count(d.firingCount(), "alert") + " joined this incident:" + list(d.firing(), d.firingCount()));
        }
        if (d.allResolvedHuman()) {
            parts.add("✅ *All alerts resolved.* A person has taken this incident over, so it stays open: resolve it with "
                    + "`/incident resolve " + d.incidentId() + " …` when you are done." + (d.resolvedCount() > 0
                    ? "\nRecovered:" + list(d.resolved(), d.resolvedCount()) : ""));
        } else if (d.resolvedCount() > 0) {
            parts.add("✅ " + count(d.resolvedCount(), "alert") + " recovered:" + list(d.resolved(), d.resolvedCount())
                    + (d.firingNow() > 0 ? "\nPartial recovery: " + count(d.firingNow(), "alert") + " still firing, the incident stays open." : ""));
        }
        if (d.firingCount() > 0 && !d.allResolvedHuman() && d.firingNow() > 0) {
            parts.add(count(d.firingNow(), "alert") + " firing now.");
        }
        return String.join("\n", parts);
    }

    /** One compact post for alerts below the incident threshold (no incident is opened for them). */
    public static SlackMessage compact(GroupDigest d) {
        String sev = d.severity() == null ? "" : d.severity().name() + " ";
        List<String> parts = new ArrayList<>();
        if (d.firingCount() > 0) {
            Alert a = d.firing().get(0);
            if (d.firingCount() == 1) {
                parts.add("⚠️ *" + sev + "alert firing:* " + one(a) + "\n" + labels(a.labels()));
            } else {
                parts.add("⚠️ *" + d.firingCount() + " " + sev + "alerts firing:*" + list(d.firing(), d.firingCount()));
            }
        }
        if (d.resolvedCount() > 0) {
            parts.add(d.resolvedCount() == 1 ? "✅ *Alert resolved:* " + one(d.resolved().get(0))
                    : "✅ *" + d.resolvedCount() + " alerts resolved:*" + list(d.resolved(), d.resolvedCount()));
        }
        String text = String.join("\n", parts);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(IncidentBlocks.truncate(text, 2900)))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Below the incident threshold, so no incident was opened. "
                + "`/incident declare …` if it needs one.")))));
        return new SlackMessage(IncidentBlocks.truncate(text, 3000), blocks);
    }

    private static String one(Alert a) {
        StringBuilder sb = new StringBuilder("`").append(Escaping.code(a.name())).append("`");
        if (a.summary() != null && !a.summary().equals(a.name())) {
            sb.append(" — ").append(Escaping.text(a.summary()));
        }
        if (a.url() != null) {
            sb.append(" · ").append(Escaping.link(a.url(), "source"));
        }
        if (a.runbookUrl() != null) {
            sb.append(" · ").append(Escaping.link(a.runbookUrl(), "runbook"));
        }
        return sb.toString();
    }

    private static String list(List<Alert> examples, int total) {
        StringBuilder sb = new StringBuilder();
        for (Alert a : examples) {
            sb.append("\n• ").append(one(a));
            String instance = a.labels().get("instance");
            if (instance != null) {
                sb.append(" (`").append(Escaping.code(instance)).append("`)");
            }
        }
        if (total > examples.size()) {
            sb.append("\n• … and ").append(total - examples.size()).append(" more");
        }
        return sb.toString();
    }

    static String labels(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (n++ == MAX_LABELS) {
                sb.append(" … (").append(labels.size() - MAX_LABELS).append(" more)");
                break;
            }
            sb.append(sb.isEmpty() ? "" : " ").append('`').append(Escaping.code(e.getKey() + "=" + e.getValue())).append('`');
        }
        return sb.isEmpty() ? "_none_" : sb.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
