package dev.incidentbot.slack.command;

import dev.incidentbot.slack.Escaping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Picks the subcommand named by the first word; anything unknown falls back to help, which is matched last. */
public final class CommandRouter {
    private final Map<String, Subcommand> byName = new LinkedHashMap<>();
    private final HelpCommand help;

    public CommandRouter(List<Subcommand> subcommands) {
        for (Subcommand s : subcommands) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalArgumentException("two subcommands named " + s.name());
            }
        }
        this.help = new HelpCommand(List.copyOf(byName.values()));
        byName.put(help.name(), help);
    }

    /** The subcommand and its arguments; {@code known} is false when the first word matched nothing. */
    public record Route(Subcommand command, String args, boolean known, String word) {
    }

    /** Routes a slash command's text as Slack sends it: &amp;, &lt; and &gt; are undone here, once for every subcommand. */
    public Route route(String text) {
        // Slack escapes these three in command text as in messages; left in, a title with ">" would be escaped
        // again when posted and show as "&gt;".
        String t = text == null ? "" : Escaping.unescape(text).strip();
        int space = firstSpace(t);
        String word = (space < 0 ? t : t.substring(0, space)).toLowerCase(Locale.ROOT);
        String args = space < 0 ? "" : t.substring(space + 1).strip();
        Subcommand s = byName.get(word);
        if (s == null) {
            return new Route(help, t, word.isEmpty(), word);
        }
        return new Route(s, args, true, word);
    }

    private static int firstSpace(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isWhitespace(t.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    public HelpCommand help() {
        return help;
    }
}
