package dev.incidentbot.web.pages;

import dev.incidentbot.incident.IncidentFilter;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The filters and page of /incidents as given in the query string ({@code severity}, {@code status}, {@code from},
 * {@code to}, {@code page}); {@link #parse} refuses anything else with a message a person can act on.
 *
 * @param status "open", "resolved", "investigating", "identified", "monitoring", or null for all
 * @param from   first day (UTC) declared, inclusive; null for no limit
 * @param to     last day (UTC) declared, inclusive; null for no limit
 */
public record ListQuery(Severity severity, String status, LocalDate from, LocalDate to, int page) {
    public static final int PAGE_SIZE = 50;
    static final int MAX_PAGE = 100_000;
    private static final int MAX_VALUE = 40;

    /** A filter value the page cannot use; its message is shown on the page (400). */
    public static final class BadQuery extends IllegalArgumentException {
        BadQuery(String message) {
            super(message);
        }
    }

    public static ListQuery none() {
        return new ListQuery(null, null, null, null, 1);
    }

    public static ListQuery parse(Map<String, List<String>> query) {
        Severity severity = null;
        String sev = one(query, "severity");
        if (sev != null) {
            severity = Severity.tryParse(sev);
            if (severity == null || !sev.trim().toUpperCase(Locale.ROOT).matches("SEV ?[1-4]|[1-4]|CRITICAL|HIGH|MEDIUM|LOW")) {
                throw new BadQuery("“" + sev + "” is not a severity: use SEV1, SEV2, SEV3 or SEV4.");
            }
        }
        String status = one(query, "status");
        if (status != null) {
            status = status.trim().toLowerCase(Locale.ROOT);
            if (status.equals("all")) {
                status = null;
            } else if (!List.of("open", "resolved", "investigating", "identified", "monitoring").contains(status)) {
                throw new BadQuery("“" + one(query, "status") + "” is not a status: use open, investigating, identified, monitoring, resolved or all.");
            }
        }
        LocalDate from = day(query, "from");
        LocalDate to = day(query, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadQuery("The date range ends (" + to + ") before it starts (" + from + ").");
        }
        int page = 1;
        String p = one(query, "page");
        if (p != null) {
            try {
                page = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                page = -1;
            }
            if (page < 1 || page > MAX_PAGE) {
                throw new BadQuery("“" + p + "” is not a page number: use 1, 2, 3 …");
            }
        }
        return new ListQuery(severity, status, from, to, page);
    }

    /** The store's filter for this query. */
    public IncidentFilter filter() {
        IncidentStatus exact = status == null || status.equals("open") ? null : IncidentStatus.valueOf(status.toUpperCase(Locale.ROOT));
        return new IncidentFilter(severity, exact, "open".equals(status),
                from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    public int offset() {
        return (page - 1) * PAGE_SIZE;
    }

    /** The /incidents link to another page of the same filter. */
    public String link(int toPage) {
        List<String> parts = new ArrayList<>();
        add(parts, "severity", severity == null ? null : severity.name());
        add(parts, "status", status);
        add(parts, "from", from == null ? null : from.toString());
        add(parts, "to", to == null ? null : to.toString());
        if (toPage != 1) {
            parts.add("page=" + toPage);
        }
        return "/incidents" + (parts.isEmpty() ? "" : "?" + String.join("&", parts));
    }

    /** The value as the form shows it again ("" for none). */
    public String severityValue() {
        return severity == null ? "" : severity.name();
    }

    public String statusValue() {
        return status == null ? "" : status;
    }

    public String fromValue() {
        return from == null ? "" : from.toString();
    }

    public String toValue() {
        return to == null ? "" : to.toString();
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** The parameter's value, null when absent or empty (an empty form field means "any"). */
    private static String one(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadQuery("Give “" + name + "” once.");
        }
        String v = values.get(0);
        if (v.length() > MAX_VALUE) {
            throw new BadQuery("The “" + name + "” value is too long.");
        }
        return v;
    }

    private static LocalDate day(Map<String, List<String>> query, String name) {
        String v = one(query, name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new BadQuery("“" + v + "” is not a date: use YYYY-MM-DD, e.g. 2026-03-14.");
        }
    }
}
