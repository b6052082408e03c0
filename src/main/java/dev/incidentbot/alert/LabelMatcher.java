package dev.incidentbot.alert;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Label name → regular expression matched against the whole value; all must match (a missing label matches nothing). */
public record LabelMatcher(Map<String, Pattern> patterns) {
    public LabelMatcher {
        patterns = Map.copyOf(patterns);
    }

    public static LabelMatcher of(String label, String regex) {
        return new LabelMatcher(Map.of(label, Pattern.compile(regex)));
    }

    /** Compiles a rules-file map; {@code where} names the place in the file for the error message. */
    public static LabelMatcher compile(Map<String, String> raw, String where) {
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException(where + ".match needs at least one label");
        }
        Map<String, Pattern> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            try {
                out.put(k, Pattern.compile(v == null ? "" : v));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ".match." + k + " is not a regular expression: " + e.getDescription());
            }
        });
        return new LabelMatcher(out);
    }

    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, Pattern> e : patterns.entrySet()) {
            String v = labels.get(e.getKey());
            if (v == null || !e.getValue().matcher(v).matches()) {
                return false;
            }
        }
        return true;
    }
}
