package dev.incidentbot.logsource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills a LogQL template's {@code ${label}} placeholders with alert label values, escaped so a value can never
 * leave the string it stands in.
 *
 * <p>The rule: a placeholder may stand only inside a double-quoted LogQL string ({@code "..."}), where LogQL follows
 * Go's string escapes and so every character of a value can be escaped. Anywhere else (a bare label name or
 * matcher, a backtick raw string, which has no escapes at all) a value could change the query, so such templates
 * are refused when the file is loaded ({@link #problems}) and again at fetch.
 */
final class LogQl {
    private LogQl() {
    }

    /** One piece of a template: literal text, or a placeholder to fill with an escaped label value. */
    private record Part(String text, boolean label) {
    }

    /** What is wrong with a template (empty when it may be used); each problem is one short phrase. */
    static List<String> problems(String template) {
        List<String> problems = new ArrayList<>();
        parse(template, problems);
        return problems;
    }

    /** The label names a template uses, in order. */
    static Set<String> labels(String template) {
        Set<String> names = new LinkedHashSet<>();
        for (Part p : parse(template, new ArrayList<>())) {
            if (p.label()) {
                names.add(p.text());
            }
        }
        return names;
    }

    /**
     * The query with every placeholder replaced by its label's escaped value.
     *
     * @throws LogSourceException when the template breaks the placeholder rule or the alert lacks a label it names
     */
    static String render(String template, Map<String, String> labels) throws LogSourceException {
        List<String> problems = new ArrayList<>();
        List<Part> parts = parse(template, problems);
        if (!problems.isEmpty()) {
            throw new LogSourceException("the Loki query cannot be used: " + problems.get(0));
        }
        List<String> missing = new ArrayList<>();
        StringBuilder q = new StringBuilder();
        for (Part p : parts) {
            if (!p.label()) {
                q.append(p.text());
            } else if (labels == null || labels.get(p.text()) == null) {
                if (!missing.contains(p.text())) {
                    missing.add(p.text());
                }
            } else {
                q.append(escape(labels.get(p.text())));
            }
        }
        if (!missing.isEmpty()) {
            throw new LogSourceException("the alert has no label " + String.join(", ", missing)
                    + ", which the query needs");
        }
        return q.toString();
    }

    /** A value as the inside of a double-quoted LogQL (Go) string: backslash, quote and control characters escaped. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Splits the template, tracking whether each placeholder stands inside a double-quoted string. */
    private static List<Part> parse(String t, List<String> problems) {
        List<Part> parts = new ArrayList<>();
        if (t == null || t.isBlank()) {
            problems.add("the query is empty");
            return parts;
        }
        StringBuilder lit = new StringBuilder();
        char quote = 0; // 0 outside strings, '"' or '`' inside one
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '$' && i + 1 < t.length() && t.charAt(i + 1) == '{') {
                int close = t.indexOf('}', i + 2);
                String name = close < 0 ? "" : t.substring(i + 2, close);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    problems.add("'${' at " + (i + 1) + " does not start a placeholder like ${service}");
                    return parts;
                }
                if (quote != '"') {
                    problems.add("${" + name + "} must stand inside a double-quoted string, e.g. \"${" + name + "}\""
                            + (quote == '`' ? " (backtick strings cannot be escaped)" : ""));
                    return parts;
                }
                parts.add(new Part(lit.toString(), false));
                lit.setLength(0);
                parts.add(new Part(name, true));
                i = close + 1;
                continue;
            }
            lit.append(c);
            if (quote == '"' && c == '\\' && i + 1 < t.length()) {
                lit.append(t.charAt(i + 1)); // an escaped character never ends the string
                i += 2;
                continue;
            }
            if (quote == 0 && (c == '"' || c == '`')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            }
            i++;
        }
        if (quote != 0) {
            problems.add("a " + (quote == '"' ? "double-quoted" : "backtick") + " string is not closed");
        }
        parts.add(new Part(lit.toString(), false));
        return parts;
    }
}
