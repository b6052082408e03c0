package dev.incidentbot.slack.blocks;

import dev.incidentbot.incident.DurationWords;
import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.incidentbot.Config.EscalationStep;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.reminder.ReminderPolicy.PlannedEscalation;
import dev.incidentbot.reminder.ReminderStatus;
import dev.incidentbot.slack.Escaping;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Status-update reminders, escalations and the reminder settings as Block Kit; pure functions of records. */
public final class ReminderBlocks {

    private ReminderBlocks() {
    }

    /** ⏰ INC-2026-001: status update due — last update 15 min ago (14:02 UTC), with a "Post update" button. */
    public static SlackMessage reminder(Incident i, Instant lastUpdateAt, Duration cadence, Instant now) {
        String who = i.commander() != null ? Escaping.user(i.commander())
                : "No commander yet (`/incident assign " + i.id() + " @you`); anyone";
        String text = "⏰ " + i.id() + ": status update due — last update " + Format.ago(lastUpdateAt, now) + " ("
                + Format.hm(lastUpdateAt) + "): " + Escaping.text(i.title());
        String body = text + "\n" + who + ", please post an update: `/incident status " + i.id() + " …` or the button.";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(body))));
        blocks.add(actions(a -> a.blockId("reminder_actions_" + i.id()).elements(List.of(
                button(b -> b.actionId(IncidentBlocks.ACTION_UPDATE).text(plainText("Post update")).value(i.id()).style("primary"))))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Reminder every " + DurationWords.of(cadence)
                + " until an update; heads-down? `/incident remind " + i.id() + " off`")))));
        return new SlackMessage(text, blocks);
    }

    /** 📟 INC-2026-001 still open after 10 minutes: escalating to the step's user or group. */
    public static SlackMessage escalation(Incident i, EscalationStep step, Duration after, Instant now) {
        String text = "📟 " + i.id() + " (" + i.severity().display() + ") is still open after " + DurationWords.of(after)
                + ": escalating to " + step.mention() + ". " + Escaping.text(i.title());
        String details = "Declared " + Format.utc(i.declaredAt()) + " · commander "
                + (i.commander() == null ? "_none_" : Escaping.user(i.commander()))
                + " · last update " + Format.ago(i.lastUpdateAt(), now) + " · status " + i.status().name().toLowerCase();
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText(text))),
                context(c -> c.elements(List.of(markdownText(details)))));
        return new SlackMessage(text, blocks);
    }

    /** The answer to {@code /incident remind}: cadence, next reminder, escalation steps still to come. */
    public static SlackMessage status(ReminderStatus st, String change, Instant now) {
        StringBuilder sb = new StringBuilder();
        if (change != null) {
            sb.append(change).append('\n');
        }
        if (st.paused()) {
            sb.append("Status-update reminders for ").append(st.incidentId()).append(" are *paused* (`/incident remind ")
                    .append(st.incidentId()).append(" on` resumes them).\n");
        } else if (st.nextReminder() != null) {
            sb.append("Status-update reminders for ").append(st.incidentId()).append(": every ")
                    .append(DurationWords.of(st.cadence())).append(st.ownCadence() ? "" : " (default)")
                    .append("; next due ").append(Format.hm(st.nextReminder())).append(" (in ")
                    .append(DurationWords.of(Duration.between(now, st.nextReminder()))).append(").\n");
        } else {
            sb.append(st.incidentId()).append(" gets no more reminders.\n");
        }
        for (PlannedEscalation p : st.pendingEscalations()) {
            sb.append("• Escalation to ").append(Escaping.code(p.step().target())).append(" at ").append(Format.hm(p.dueAt()))
                    .append(" (").append(DurationWords.of(p.after())).append(" after declaration)\n");
        }
        return SlackMessage.plain(sb.toString().strip());
    }
}
