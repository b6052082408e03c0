package dev.incidentbot.incident;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An incident id such as INC-2026-001: the year it was declared and a number that is never reused. */
public record IncidentId(int year, int number) {
    public static final Pattern PATTERN = Pattern.compile("(?i)\\bINC-(\\d{4})-(\\d{3,9})\\b");

    public IncidentId {
        if (year < 1970 || year > 9999 || number < 1) {
            throw new IllegalArgumentException("bad incident id " + year + "/" + number);
        }
    }

    /** Parses an id as typed by a person (case-insensitive); null when the text is not an id. */
    public static IncidentId tryParse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PATTERN.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        return new IncidentId(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return String.format("INC-%d-%03d", year, number);
    }
}
