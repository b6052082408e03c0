package dev.incidentbot.retro;

import dev.incidentbot.incident.DurationWords;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The incident review in the layout of the seed's postmortem, as data: summary, impact, what happened, root cause
 * and contributing factors, timeline, alerts to create, action items and lessons. {@link PostmortemMarkdown} renders it.
 * Every live note appears in exactly one place (its kind's list), so the document never repeats what people said.
 * It holds no generation time: the same record always exports the same document.
 */
public record Postmortem(Incident incident, RetroFacts facts, AnalysisFacts analysis, List<String> servicesAffected,
                         List<String> impact, List<String> whatHappened, List<String> rootCause,
                         List<String> contributingFactors, List<Row> timeline, List<String> alertsToCreate,
                         List<Item> actionItems, List<RetroNote> notes) {

    /** One timeline row: when, who, what. */
    public record Row(Instant at, String actor, String event) {
    }

    /**
     * One checklist entry; {@code source} is the note's author, or where a suggestion came from; {@code ticket} the
     * ticket it became ({@code /incident retro ticket}), or null.
     */
    public record Item(String text, String source, boolean suggested, ActionTicket ticket) {
        public Item(String text, String source, boolean suggested) {
            this(text, source, suggested, null);
        }
    }

    public static Postmortem of(Incident incident, List<TimelineEntry> timeline, List<RetroNote> allNotes,
                                AnalysisFacts analysis) {
        return of(incident, timeline, allNotes, analysis, List.of());
    }

    /** As above, with the tickets action items became. */
    public static Postmortem of(Incident incident, List<TimelineEntry> timeline, List<RetroNote> allNotes,
                                AnalysisFacts analysis, List<ActionTicket> tickets) {
        RetroFacts facts = RetroFacts.of(incident, timeline, analysis);
        List<RetroNote> notes = allNotes.stream().filter(n -> !n.deleted()).toList();
        List<String> alerts = alerts(incident, facts, analysis);
        return new Postmortem(incident, facts, analysis, services(analysis), impact(incident, analysis),
                whatHappened(incident, timeline, analysis), rootCause(incident, analysis),
                contributing(facts, analysis), rows(timeline, analysis), alerts, actions(notes, alerts, analysis, tickets), notes);
    }

    /** The live notes of one kind, oldest first. */
    public List<RetroNote> notes(NoteKind kind) {
        return notes.stream().filter(n -> n.kind() == kind).toList();
    }

    private static List<String> services(AnalysisFacts analysis) {
        List<String> out = new ArrayList<>();
        analysis.attributes().forEach((k, v) -> out.add(k + " " + v));
        return List.copyOf(out);
    }

    private static List<String> impact(Incident i, AnalysisFacts analysis) {
        List<String> out = new ArrayList<>();
        if (i.description() != null && !i.description().isBlank()) {
            out.add(i.description());
        }
        out.add(i.severity().display() + ": " + i.severity().meaning());
        if (analysis.headline() != null) {
            out.add(analysis.headline());
        }
        return List.copyOf(out);
    }

    private static List<String> whatHappened(Incident i, List<TimelineEntry> timeline, AnalysisFacts analysis) {
        List<String> out = new ArrayList<>();
        String who = i.declaredByMonitoring() ? "raised by monitoring (" + i.source() + ")" : "declared by @" + i.declaredBy();
        out.add(i.title() + ": " + who + " at " + Durations.full(i.declaredAt()) + " UTC as " + i.severity().display() + ".");
        long updates = timeline.stream().filter(e -> e.kind() == dev.incidentbot.incident.TimelineKind.STATUS).count();
        if (updates > 0) {
            out.add(updates + (updates == 1 ? " status update was" : " status updates were") + " posted while it was open"
                    + " (see the timeline).");
        }
        if (analysis.attributesText() != null) {
            out.add("A log analysis located the regression in " + analysis.attributesText()
                    + (analysis.symptomsFrom() == null ? "." : ", first visible at " + Durations.full(analysis.symptomsFrom()) + " UTC."));
        }
        if (i.resolvedAt() != null) {
            out.add("Resolved at " + Durations.full(i.resolvedAt()) + " UTC after "
                    + DurationWords.of(java.time.Duration.between(i.declaredAt(), i.resolvedAt())) + ": " + i.resolution());
        } else {
            out.add("Still open when this document was generated.");
        }
        return List.copyOf(out);
    }

    private static List<String> rootCause(Incident i, AnalysisFacts analysis) {
        List<String> out = new ArrayList<>();
        if (i.rootCause() != null && !i.rootCause().isBlank()) {
            out.add(i.rootCause());
        }
        if (analysis.attributesText() != null && (i.rootCause() == null || !i.rootCause().contains(analysis.attributesText()))) {
            out.add("The analysis isolates " + analysis.attributesText()
                    + (analysis.symptomsFrom() == null ? "." : ", starting " + Durations.full(analysis.symptomsFrom()) + " UTC."));
        }
        if (out.isEmpty()) {
            out.add("To be determined.");
        }
        return List.copyOf(out);
    }

    private static List<String> contributing(RetroFacts facts, AnalysisFacts analysis) {
        List<String> out = new ArrayList<>();
        out.add(facts.detection());
        out.add(facts.mitigation());
        return List.copyOf(out);
    }

    private static List<Row> rows(List<TimelineEntry> timeline, AnalysisFacts analysis) {
        List<Row> out = new ArrayList<>();
        if (analysis.symptomsFrom() != null) {
            out.add(new Row(analysis.symptomsFrom(), "analysis", "First symptom in the logs"
                    + (analysis.attributesText() == null ? "" : " (" + analysis.attributesText() + ")")));
        }
        for (TimelineEntry e : timeline) {
            out.add(new Row(e.at(), e.actor(), e.text()));
        }
        out.sort(Comparator.comparing(Row::at)); // stable: entries at the same instant keep the store's order
        return List.copyOf(out);
    }

    private static List<String> alerts(Incident i, RetroFacts facts, AnalysisFacts analysis) {
        List<String> out = new ArrayList<>();
        AnalysisFacts.Alert a = analysis.suggestedAlert();
        if (a != null) {
            StringBuilder sb = new StringBuilder();
            if (a.metric() != null) {
                sb.append("**").append(a.metric()).append(a.dimension() == null ? "" : " per " + a.dimension()).append("**");
                if (a.thresholdMs() != null) {
                    sb.append(" (threshold ").append(a.thresholdMs()).append(" ms)");
                } else if (a.thresholdRate() != null) {
                    double pct = a.thresholdRate() <= 1 ? a.thresholdRate() * 100 : a.thresholdRate();
                    sb.append(" (threshold ").append(pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct)).append("%)");
                }
                sb.append(a.text() == null ? "" : " -");
            }
            if (a.text() != null) {
                sb.append(sb.isEmpty() ? "" : " ").append(a.text());
            }
            out.add(sb.toString());
        }
        if (facts.declaredByPeople() && facts.firstAlertAt() == null && a == null) {
            out.add("**An alert on the first symptom** - people reported this incident before any alert fired; "
                    + "alert on the signal that showed it first.");
        }
        return List.copyOf(out);
    }

    private static List<Item> actions(List<RetroNote> notes, List<String> alerts, AnalysisFacts analysis,
                                      List<ActionTicket> tickets) {
        List<Item> out = new ArrayList<>();
        for (RetroNote n : notes) {
            if (n.kind() == NoteKind.ACTION) {
                ActionTicket t = tickets.stream().filter(x -> x.noteId() == n.id()).findFirst().orElse(null);
                out.add(new Item(n.text(), "@" + n.author(), false, t));
            }
        }
        if (!alerts.isEmpty()) {
            out.add(new Item("Create the alerts listed above", "suggested", true));
        }
        if (analysis.prevention() != null) {
            out.add(new Item(analysis.prevention(), "suggested by the analysis", true));
        }
        return List.copyOf(out);
    }
}
