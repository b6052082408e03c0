package dev.incidentbot.slack.blocks;

import dev.incidentbot.incident.DurationWords;
import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.slack.Escaping;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The seed policy's incident and resolution notifications, and the other incident messages, as Block Kit. */
public final class IncidentBlocks {
    public static final String ACTION_UPDATE = "incident_update";
    public static final String ACTION_SEVERITY = "incident_severity";
    public static final String ACTION_RESOLVE = "incident_resolve";

    private IncidentBlocks() {
    }

    /**
     * 🚨 INCIDENT: title — severity, time, status, impact, actions, next update, where to ask; with buttons.
     *
     * @param updateEvery the status-update cadence (the policy: every 15 minutes)
     * @param extraLines  lines added by the source (an alert's summary, labels, runbook steps), already escaped
     */
    public static SlackMessage declared(Incident i, Duration updateEvery, List<String> extraLines) {
        String title = Escaping.text(i.title());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(pt -> pt.text(truncate("🚨 INCIDENT: " + title, 150)).emoji(true)))));
        blocks.add(section(s -> s.fields(List.of(
                markdownText("*Incident:*\n" + i.id()),
                markdownText("*Severity:*\n" + i.severity().display()),
                markdownText("*Time:*\n" + Format.utc(i.declaredAt())),
                markdownText("*Status:*\n" + i.status().name()),
                markdownText("*Commander:*\n" + (i.commander() == null ? "_unassigned_ (`/incident assign " + i.id() + " @you`)" : Escaping.user(i.commander()))),
                markdownText("*Declared by:*\n" + Escaping.user(i.declaredBy()))))));
        StringBuilder impact = new StringBuilder("*Impact:*\n");
        if (i.description() != null && !i.description().isBlank()) {
            impact.append("• ").append(Escaping.text(i.description())).append('\n');
        } else {
            impact.append("• ").append(i.severity().meaning()).append(" (being assessed)\n");
        }
        impact.append("• Estimated resolution: within ").append(i.severity().resolutionTargetText())
                .append(" (").append(i.severity().name()).append(" target)");
        blocks.add(section(s -> s.text(markdownText(impact.toString()))));
        for (String extra : extraLines) {
            blocks.add(section(s -> s.text(markdownText(truncate(extra, 2900)))));
        }
        Instant next = i.lastUpdateAt().plus(updateEvery);
        String action = "*Action:*\n• Team investigating root cause\n• Preparing rollback if needed\n"
                + "• Will update in " + DurationWords.of(updateEvery) + " (next update due " + Format.hm(next) + ")";
        blocks.add(section(s -> s.text(markdownText(action))));
        blocks.add(actions(a -> a.blockId("incident_actions_" + i.id()).elements(List.of(
                button(b -> b.actionId(ACTION_UPDATE).text(plainText("Post update")).value(i.id()).style("primary")),
                staticSelect(sel -> sel.actionId(ACTION_SEVERITY).placeholder(plainText("Change severity"))
                        .options(severityOptions(i.id()))),
                button(b -> b.actionId(ACTION_RESOLVE).text(plainText("Resolve")).value(i.id()).style("danger"))))));
        blocks.add(context(c -> c.elements(List.of(markdownText(
                "Questions? Reply in this thread. Updates: `/incident status " + i.id() + " …` · help: `/incident help`")))));
        return new SlackMessage("🚨 INCIDENT: " + title + " (" + i.id() + ", " + i.severity().display() + ")", blocks);
    }

    private static List<OptionObject> severityOptions(String id) {
        List<OptionObject> out = new ArrayList<>();
        for (Severity s : Severity.values()) {
            out.add(option(plainText(s.display()), id + "|" + s.name()));
        }
        return out;
    }

    /** ✅ INCIDENT RESOLVED: title — severity, duration, start and end (UTC), root cause, resolution, status. */
    public static SlackMessage resolved(Incident i, String resolvedBy) {
        Duration took = Duration.between(i.declaredAt(), i.resolvedAt());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(pt -> pt.text(truncate("✅ INCIDENT RESOLVED: " + Escaping.text(i.title()), 150)).emoji(true)))));
        blocks.add(section(s -> s.fields(List.of(
                markdownText("*Incident:*\n" + i.id()),
                markdownText("*Severity:*\n" + i.severity().display()),
                markdownText("*Duration:*\n" + DurationWords.of(took) + " (" + i.resolutionTimeMinutes() + " min)"),
                markdownText("*Resolved by:*\n" + Escaping.user(resolvedBy)),
                markdownText("*Start:*\n" + Format.utc(i.declaredAt())),
                markdownText("*End:*\n" + Format.utc(i.resolvedAt()))))));
        String rootCause = i.rootCause() == null || i.rootCause().isBlank() ? "_Not recorded yet; to be covered in the post-mortem._"
                : Escaping.text(i.rootCause());
        blocks.add(section(s -> s.text(markdownText("*Root Cause:*\n" + rootCause))));
        blocks.add(section(s -> s.text(markdownText("*Resolution:*\n" + Escaping.text(i.resolution())))));
        boolean withinTarget = took.compareTo(i.severity().resolutionTarget()) <= 0;
        String status = "*Status:*\n• All systems normal\n• " + (withinTarget ? "Within" : "Outside") + " the "
                + i.severity().name() + " resolution target (" + i.severity().resolutionTargetText() + ")\n"
                + "• Post-mortem: `/incident retro export " + i.id() + "`";
        blocks.add(section(s -> s.text(markdownText(status))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Thank you for your patience!")))));
        String text = "✅ INCIDENT RESOLVED: " + Escaping.text(i.title()) + " (" + i.id() + ", " + i.severity().display()
                + ") Duration: " + DurationWords.of(took) + ". Resolution: " + Escaping.text(i.resolution());
        return new SlackMessage(text, blocks);
    }

    /** A status update in the incident thread. */
    public static SlackMessage statusUpdate(Incident i, TimelineEntry update, Duration updateEvery) {
        String text = "📣 *Status update* " + i.id() + " by " + Escaping.user(update.actor()) + " at " + Format.hm(update.at())
                + ":\n" + Escaping.text(update.text()) + "\n_Next update due " + Format.hm(update.at().plus(updateEvery)) + "_";
        return new SlackMessage(text, List.of(section(s -> s.text(markdownText(text)))));
    }

    public static SlackMessage severityChanged(Incident i, Severity from, String actor) {
        String text = "⚠️ " + i.id() + " severity changed " + from.display() + " → *" + i.severity().display() + "* by "
                + Escaping.user(actor) + ". Target: respond " + i.severity().responseTarget() + ", resolve within "
                + i.severity().resolutionTargetText() + ".";
        return new SlackMessage(text, List.of(section(s -> s.text(markdownText(text)))));
    }

    public static SlackMessage commanderAssigned(Incident i, String actor) {
        String text = "🧑‍✈️ " + Escaping.user(i.commander()) + " is now the incident commander of " + i.id()
                + " (set by " + Escaping.user(actor) + ").";
        return SlackMessage.plain(text);
    }

    public static SlackMessage note(Incident i, String escapedText) {
        return new SlackMessage(i.id() + ": " + escapedText, List.of(section(s -> s.text(markdownText(i.id() + ": " + escapedText)))));
    }

    /** The open incidents, most severe first. */
    public static SlackMessage list(List<Incident> open, Instant now) {
        if (open.isEmpty()) {
            return SlackMessage.plain("No open incidents. 🎉");
        }
        StringBuilder sb = new StringBuilder("*Open incidents* (" + open.size() + "), most severe first:\n");
        for (Incident i : open) {
            sb.append("• *").append(i.id()).append("* ").append(i.severity().display()).append(" · ")
                    .append(i.status().name().toLowerCase()).append(" · ").append(Escaping.text(i.title()))
                    .append(" · commander ").append(i.commander() == null ? "_none_" : Escaping.user(i.commander()))
                    .append(" · open ").append(DurationWords.of(Duration.between(i.declaredAt(), now)))
                    .append(" · last update ").append(Format.ago(i.lastUpdateAt(), now)).append('\n');
        }
        return new SlackMessage(sb.toString(), List.of(section(s -> s.text(markdownText(truncate(sb.toString(), 2900))))));
    }

    /** One incident in full: the record fields of the policy. */
    public static SlackMessage show(Incident i, Instant now) {
        StringBuilder sb = new StringBuilder();
        sb.append("*").append(i.id()).append(": ").append(Escaping.text(i.title())).append("*\n")
                .append("Severity: ").append(i.severity().display()).append(" · Status: ").append(i.status().name()).append('\n')
                .append("Declared: ").append(Format.utc(i.declaredAt())).append(" by ").append(Escaping.user(i.declaredBy())).append('\n')
                .append("Commander: ").append(i.commander() == null ? "_none_" : Escaping.user(i.commander())).append('\n')
                .append("Last update: ").append(Format.ago(i.lastUpdateAt(), now)).append('\n');
        if (i.rootCause() != null) {
            sb.append("Root cause: ").append(Escaping.text(i.rootCause())).append('\n');
        }
        if (i.resolvedAt() != null) {
            sb.append("Resolved: ").append(Format.utc(i.resolvedAt())).append(" after ").append(i.resolutionTimeMinutes())
                    .append(" min: ").append(Escaping.text(i.resolution())).append('\n');
        } else {
            sb.append("Open for ").append(DurationWords.of(Duration.between(i.declaredAt(), now))).append('\n');
        }
        return new SlackMessage(sb.toString(), List.of(section(s -> s.text(markdownText(truncate(sb.toString(), 2900))))));
    }

    /** The timeline, every event with its UTC time and who. */
    public static SlackMessage timeline(Incident i, List<TimelineEntry> entries) {
        StringBuilder sb = new StringBuilder("*Timeline of " + i.id() + "* (UTC)\n");
        for (TimelineEntry e : entries) {
            sb.append("`").append(Format.utc(e.at()).replace(" UTC", "")).append("` ")
                    .append(Escaping.user(e.actor())).append(": ").append(Escaping.text(e.text())).append('\n');
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String chunk : chunks(sb.toString(), 2900)) {
            blocks.add(section(s -> s.text(markdownText(chunk))));
        }
        blocks.add(divider());
        return new SlackMessage(truncate(sb.toString(), 3900), blocks);
    }

    static List<String> chunks(String s, int max) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < s.length()) {
            int end = Math.min(s.length(), start + max);
            if (end < s.length()) {
                int nl = s.lastIndexOf('\n', end);
                if (nl > start) {
                    end = nl + 1;
                }
            }
            out.add(s.substring(start, end));
            start = end;
        }
        return out;
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
