package dev.incidentbot.slack.command;

import dev.incidentbot.incident.Severity;
import dev.incidentbot.slack.blocks.SlackMessage;
import java.util.List;

/** Lists every subcommand with its one-line usage and the severity definitions; the fallback for anything unknown. */
public final class HelpCommand implements Subcommand {
    private final List<Subcommand> commands;

    HelpCommand(List<Subcommand> commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return "help";
    }

    @Override
    public String summary() {
        return "this list";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        reply.ephemeral(usage(null));
    }

    /** The usage text; {@code unknownWord} adds a first line saying what was not understood. */
    public SlackMessage usage(String unknownWord) {
        StringBuilder sb = new StringBuilder();
        if (unknownWord != null && !unknownWord.isEmpty()) {
            sb.append("I don't know `").append(dev.incidentbot.slack.Escaping.code(unknownWord)).append("`. ");
        }
        sb.append("*Usage:* `/incident SUBCOMMAND …`\n");
        for (Subcommand c : commands) {
            sb.append("• `/incident ").append(c.usage()).append("` – ").append(c.summary()).append('\n');
        }
        sb.append("• `/incident help` – this list\n");
        sb.append("`ID` (e.g. INC-2026-001) may be left out inside an incident's own channel.\n*Severities:*\n");
        for (Severity s : Severity.values()) {
            sb.append("• *").append(s.display()).append("* – ").append(s.meaning()).append("; respond ")
                    .append(s.responseTarget()).append(", resolve within ").append(s.resolutionTargetText()).append('\n');
        }
        return SlackMessage.plain(sb.toString());
    }
}
