package dev.incidentbot.retro;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a retro note is about: the four prompts of a retro and free discussion. Each kind knows the leading words
 * and emoji that mark it, as people type them in Slack (where an emoji arrives as {@code :dart:}) or paste them.
 */
public enum NoteKind {
    WENT_WELL("went well", "✅", "What went well",
            new String[] {"went well", "what went well", "well", "good", "positive"},
            new String[] {"✅", "✔", ":white_check_mark:", ":heavy_check_mark:", ":+1:", "👍"}),
    WENT_POORLY("went poorly", "❌", "What went poorly",
            new String[] {"went poorly", "what went poorly", "went badly", "went wrong", "poorly", "bad", "negative"},
            new String[] {"❌", "✖", ":x:", ":heavy_multiplication_x:", ":-1:", "👎"}),
    ACTION("action", "🎯", "Action items",
            new String[] {"action items", "action item", "action", "todo", "to do", "follow up", "follow-up"},
            new String[] {"🎯", ":dart:"}),
    LESSON("lesson", "💡", "Lessons",
            new String[] {"lessons learned", "lesson learned", "lessons", "lesson", "learned", "learning"},
            new String[] {"💡", ":bulb:"}),
    DISCUSSION("discussion", "💬", "Discussion",
            new String[] {"discussion", "note", "retro"},
            new String[] {"💬", ":speech_balloon:"});

    private final String label;
    private final String emoji;
    private final String heading;
    private final Pattern prefix;

    NoteKind(String label, String emoji, String heading, String[] words, String[] emojis) {
        this.label = label;
        this.emoji = emoji;
        this.heading = heading;
        this.prefix = prefixPattern(words, emojis);
    }

    /** A leading word must be followed by ":" or a dash, so "good catch by Ana" stays discussion; an emoji needs nothing. */
    private static Pattern prefixPattern(String[] words, String[] emojis) {
        StringBuilder w = new StringBuilder();
        for (String word : words) {
            w.append(w.isEmpty() ? "" : "|").append(Pattern.quote(word).replace(" ", "\\E[\\s_-]+\\Q"));
        }
        StringBuilder e = new StringBuilder();
        for (String emoji : emojis) {
            e.append(e.isEmpty() ? "" : "|").append(Pattern.quote(emoji));
        }
        return Pattern.compile("^\\s*(?:[-*•]\\s+)?(?:(?:" + w + ")\\s*(?::|\\s[-–—])|(?:" + e + ")\\x{FE0F}?\\s*[:\\-–—]?)\\s*(.*)$",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** A note's text split into its kind and what remains after the marker; {@code marked} is false for unmarked text. */
    public record Classified(NoteKind kind, String text, boolean marked) {
    }

    /** Classifies a note by its leading word or emoji; text with no marker is discussion, kept whole. */
    public static Classified classify(String raw) {
        String text = raw == null ? "" : raw.strip();
        for (NoteKind k : values()) {
            Matcher m = k.prefix.matcher(text);
            if (m.matches()) {
                return new Classified(k, m.group(1).strip(), true);
            }
        }
        return new Classified(DISCUSSION, text, false);
    }

    /** "went well" as people read it. */
    public String label() {
        return label;
    }

    public String emoji() {
        return emoji;
    }

    /** The postmortem's heading for notes of this kind. */
    public String heading() {
        return heading;
    }

    /** What a person types to mark a note of this kind, e.g. "went well:". */
    public String marker() {
        return label + ":";
    }

    /** Every marker, for help texts: "went well: (✅), went poorly: (❌), …". */
    public static String markers() {
        StringBuilder sb = new StringBuilder();
        for (NoteKind k : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append('`').append(k.marker()).append("` ").append(k.emoji());
        }
        return sb.toString();
    }
}
