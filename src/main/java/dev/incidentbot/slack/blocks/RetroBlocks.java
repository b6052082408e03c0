package dev.incidentbot.slack.blocks;

import dev.incidentbot.incident.DurationWords;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.retro.NoteKind;
import dev.incidentbot.retro.Postmortem;
import dev.incidentbot.retro.RetroNote;
import dev.incidentbot.slack.Escaping;
import java.util.ArrayList;
import java.util.List;

/** The retro's messages as Block Kit: the prompts that open the retro thread, and the export's summary. */
public final class RetroBlocks {

    private RetroBlocks() {
    }

    /**
     * The retro thread's root: the four prompts and the bot's suggested points, marked as suggestions.
     * The fallback text names the prompts too, since notifications and search show only it.
     */
    public static SlackMessage prompts(Incident i, List<String> prompts, List<String> suggestions) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(pt -> pt.text(IncidentBlocks.truncate("🔁 Retro: " + Escaping.text(i.title()), 150))
                .emoji(true)))));
        String state = i.isOpen() ? " is still open, but notes can start now" : " is resolved";
        blocks.add(section(s -> s.text(markdownText("*" + i.id() + "*" + state + ". While memory is fresh, reply *in this thread* "
                + "with 3-4 notes; each reply is filed by its first word:"))));
        StringBuilder p = new StringBuilder();
        for (String prompt : prompts) {
            p.append("• ").append(prompt).append('\n');
        }
        blocks.add(section(s -> s.text(markdownText(p.toString().strip()))));
        if (!suggestions.isEmpty()) {
            StringBuilder sb = new StringBuilder("*Suggested points* (from the record, not the team's words):\n");
            for (String s : suggestions) {
                sb.append("• _").append(Escaping.text(s)).append("_\n");
            }
            blocks.add(section(s -> s.text(markdownText(IncidentBlocks.truncate(sb.toString().strip(), 2900)))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("Edits and deletions of replies update the notes. "
                + "From anywhere: `/incident retro add " + i.id() + " lesson: …` · postmortem: `/incident retro export "
                + i.id() + "`")))));
        String text = "🔁 Retro for " + i.id() + ": " + Escaping.text(i.title())
                + ". Reply in this thread: went well, went poorly, action items, lessons.";
        return new SlackMessage(text, blocks);
    }

    /** The comment that comes with the uploaded postmortem: what it covers, in one line. */
    public static String exportComment(Postmortem p) {
        Incident i = p.incident();
        StringBuilder counts = new StringBuilder();
        for (NoteKind k : NoteKind.values()) {
            long n = p.notes(k).size();
            if (n > 0) {
                counts.append(counts.isEmpty() ? "" : ", ").append(n).append(' ').append(k.label());
            }
        }
        return "📝 Postmortem of " + i.id() + " (" + Escaping.text(i.title()) + "), " + i.severity().display() + ", "
                + (i.resolvedAt() == null ? "still open" : DurationWords.of(java.time.Duration.between(i.declaredAt(), i.resolvedAt())))
                + ": " + p.timeline().size() + " timeline events, " + p.notes().size()
                + (p.notes().size() == 1 ? " retro note" : " retro notes") + (counts.isEmpty() ? "" : " (" + counts + ")")
                + ". Review it and share it with the team.";
    }

    /** The private confirmation of {@code /incident retro add}. */
    public static String noteAdded(RetroNote n) {
        return n.kind().emoji() + " Added a *" + n.kind().label() + "* note to " + n.incidentId() + ": " + Escaping.text(n.text());
    }
}
