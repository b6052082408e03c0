package dev.incidentbot.notify;

import dev.incidentbot.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed policy's Incident Notification and Resolution Notification templates as mail: pure functions from an
 * incident to a subject, a plain text body and a simple HTML alternative in which every value is escaped.
 */
public final class MailTemplates {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private MailTemplates() {
    }

    /** "🚨 INCIDENT": what happened, how bad, since when, what is being done, where to follow it. */
    public static Mail declared(Incident i, List<String> to, Duration updateEvery, String threadLink) {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.field("Incident", i.id()));
        lines.add(Line.field("Severity", i.severity().display()));
        lines.add(Line.field("Time", UTC.format(i.declaredAt())));
        lines.add(Line.field("Status", i.status().name()));
        lines.add(Line.heading("Impact"));
        lines.add(Line.item(i.description() == null || i.description().isBlank()
                ? i.severity().meaning() + " (being assessed)" : i.description()));
        lines.add(Line.item("Estimated resolution: within " + i.severity().resolutionTargetText()));
        lines.add(Line.heading("Action"));
        lines.add(Line.item("Team investigating root cause"));
        lines.add(Line.item("Preparing rollback if needed"));
        lines.add(Line.item("Will update in " + minutes(updateEvery)));
        String title = "🚨 INCIDENT: " + i.title();
        String subject = "🚨 " + i.id() + " " + i.severity().name() + ": " + i.title();
        return render(to, subject, title, lines, threadLink, "Questions? Follow the incident on Slack");
    }

    /** "✅ INCIDENT RESOLVED": how long it lasted, the root cause and the resolution. */
    public static Mail resolved(Incident i, List<String> to, String threadLink) {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.field("Incident", i.id()));
        lines.add(Line.field("Severity", i.severity().display()));
        Instant end = i.resolvedAt() == null ? i.lastUpdateAt() : i.resolvedAt();
        lines.add(Line.field("Duration", minutes(Duration.between(i.declaredAt(), end))));
        lines.add(Line.field("Start", UTC.format(i.declaredAt())));
        lines.add(Line.field("End", UTC.format(end)));
        lines.add(Line.field("Status", i.status().name()));
        lines.add(Line.heading("Root Cause"));
        lines.add(Line.item(i.rootCause() == null || i.rootCause().isBlank() ? "Not recorded yet" : i.rootCause()));
        lines.add(Line.heading("Resolution"));
        lines.add(Line.item(i.resolution() == null ? "" : i.resolution()));
        String title = "✅ INCIDENT RESOLVED: " + i.title();
        String subject = "✅ Resolved " + i.id() + " " + i.severity().name() + ": " + i.title();
        return render(to, subject, title, lines, threadLink, "The postmortem follows in the incident's Slack thread");
    }

    private record Line(String label, String value, boolean heading) {
        static Line field(String label, String value) {
            return new Line(label, value, false);
        }

        static Line heading(String label) {
            return new Line(label, null, true);
        }

        static Line item(String value) {
            return new Line(null, value, false);
        }
    }

    private static Mail render(List<String> to, String subject, String title, List<Line> lines, String link, String footer) {
        StringBuilder text = new StringBuilder(title).append("\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">\n<h2>")
                .append(escape(title)).append("</h2>\n");
        boolean inList = false;
        for (Line l : lines) {
            if (l.label() != null && !l.heading()) {
                text.append(l.label()).append(": ").append(l.value()).append('\n');
                html.append(inList ? "</ul>\n" : "").append("<p><b>").append(escape(l.label())).append(":</b> ")
                        .append(escape(l.value())).append("</p>\n");
                inList = false;
            } else if (l.heading()) {
                text.append('\n').append(l.label()).append(":\n");
                html.append(inList ? "</ul>\n" : "").append("<p><b>").append(escape(l.label())).append(":</b></p>\n<ul>\n");
                inList = true;
            } else {
                text.append("- ").append(l.value()).append('\n');
                html.append("<li>").append(escape(l.value()).replace("\n", "<br>")).append("</li>\n");
            }
        }
        html.append(inList ? "</ul>\n" : "");
        text.append('\n').append(footer);
        html.append("<p>").append(escape(footer));
        if (link != null && (link.startsWith("https://") || link.startsWith("http://"))) {
            text.append(": ").append(link);
            html.append(": <a href=\"").append(escape(link)).append("\">").append(escape(link)).append("</a>");
        }
        text.append('\n');
        html.append("</p>\n</body></html>\n");
        return new Mail(to, subject, text.toString(), html.toString());
    }

    /**
     * The mail with the Slack thread's link after its footer, as {@link #declared} would have put it had the link been
     * known when the mail was written (in the declare's transaction, before Slack posted anything); unchanged when it
     * already has one or the link is not a web address.
     */
    public static Mail withThreadLink(Mail m, String link) {
        String htmlEnd = "</p>\n</body></html>\n";
        if (link == null || !(link.startsWith("https://") || link.startsWith("http://")) || m.text().contains(link)
                || !m.text().endsWith("\n") || !m.html().endsWith(htmlEnd)) {
            return m;
        }
        String text = m.text().substring(0, m.text().length() - 1) + ": " + link + "\n";
        String html = m.html().substring(0, m.html().length() - htmlEnd.length())
                + ": <a href=\"" + escape(link) + "\">" + escape(link) + "</a>" + htmlEnd;
        return new Mail(m.to(), m.subject(), text, html);
    }

    private static String minutes(Duration d) {
        long m = Math.max(0, d.toMinutes());
        return m == 1 ? "1 minute" : m + " minutes";
    }

    /** HTML text and attribute escaping: nothing a title or an alert says is ever markup. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
