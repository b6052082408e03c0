package dev.incidentbot.slack;

import java.util.regex.Pattern;

/**
 * The one place where text from people and alerts is made safe for Slack mrkdwn: {@code &}, {@code <} and
 * {@code >} are escaped so a label cannot ping {@code @channel}, mention a person or smuggle a link.
 * Mentions are built only by {@link #user} from ids the bot itself received from Slack.
 */
public final class Escaping {
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern GROUP_ID = Pattern.compile("S[A-Z0-9]{2,}");

    private Escaping() {
    }

    public static String text(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Undoes Slack's own escaping of &amp;, &lt; and &gt; in text it sends us, to get what the person typed. */
    public static String unescape(String slackText) {
        return slackText.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** A mention of a user id the bot got from Slack; anything else (e.g. "monitoring") is shown as escaped text. */
    public static String user(String id) {
        if (id == null || id.isBlank()) {
            return "nobody";
        }
        if (USER_ID.matcher(id).matches()) {
            return "<@" + id + ">";
        }
        if (GROUP_ID.matcher(id).matches()) {
            return "<!subteam^" + id + ">";
        }
        return text(id);
    }

    /** A link whose label is escaped and whose target must be http(s); otherwise just the escaped label. */
    public static String link(String url, String label) {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://")) || url.contains("|") || url.contains(">")
                || url.contains("<") || url.contains(" ")) {
            return text(label);
        }
        return "<" + url.replace("&", "&amp;") + "|" + text(label).replace("|", "¦") + ">";
    }

    /** Text inside a mrkdwn code span or block: escaped, and backticks neutralised so it cannot end the span. */
    public static String code(String raw) {
        return text(raw).replace("`", "'");
    }
}
