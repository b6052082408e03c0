package dev.incidentbot.retro;

import dev.incidentbot.incident.DurationWords;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.incident.TimelineKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures a retro starts from, computed from the record rather than remembered: how long the problem went
 * unnoticed (first symptom in the logs, or the first alert, to the declaration) and how long it took to mitigate.
 *
 * @param symptomAt     the earliest sign of trouble known: the analysis's first symptom, else an alert before declaring
 * @param symptomSource what {@code symptomAt} is, e.g. "the first symptom in the logs"
 * @param firstAlertAt  the first alert on the incident's timeline, null when none fired
 * @param toMitigate    declaration to resolution; null while the incident is open
 */
public record RetroFacts(Instant declaredAt, Instant symptomAt, String symptomSource, Instant firstAlertAt,
                         boolean declaredByPeople, Duration toMitigate, Duration resolutionTarget, String prevention) {

    /** A gap this long more likely means an old log was analysed than an incident nobody noticed for a week. */
    private static final Duration IMPLAUSIBLE_GAP = Duration.ofDays(7);

    public static RetroFacts of(Incident incident, List<TimelineEntry> timeline, AnalysisFacts analysis) {
        Instant firstAlert = timeline.stream().filter(e -> e.kind() == TimelineKind.ALERT).map(TimelineEntry::at)
                .min(Instant::compareTo).orElse(null);
        Instant symptom = analysis.symptomsFrom();
        String source = "the first symptom in the logs";
        if (symptom == null && firstAlert != null && !firstAlert.isAfter(incident.declaredAt())) {
            symptom = firstAlert;
            source = "the first alert";
        }
        if (symptom == null && incident.declaredByMonitoring()) {
            symptom = incident.declaredAt(); // monitoring declared it: the alert itself is the first sign we have
            source = "the alert";
        }
        Duration toMitigate = incident.resolvedAt() == null ? null : Duration.between(incident.declaredAt(), incident.resolvedAt());
        return new RetroFacts(incident.declaredAt(), symptom, source, firstAlert, !incident.declaredByMonitoring(), toMitigate,
                incident.severity().resolutionTarget(), analysis.prevention());
    }

    /** First sign to declaration, never negative; null when nothing says when it began. */
    public Duration detectionGap() {
        if (symptomAt == null) {
            return null;
        }
        Duration d = Duration.between(symptomAt, declaredAt);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public boolean withinTarget() {
        return toMitigate != null && toMitigate.compareTo(resolutionTarget) <= 0;
    }

    /** One sentence on detection: the gap, and whether people or an alert noticed first. */
    public String detection() {
        Duration gap = detectionGap();
        String s = gap == null
                ? "Detection gap: unknown, no analysis or alert says when it began; when did the first symptom appear?"
                : "Detection gap: " + DurationWords.of(gap) + " from " + symptomSource + " (" + when(symptomAt)
                        + ") to the declaration (" + when(declaredAt) + ")."
                        + (gap.compareTo(IMPLAUSIBLE_GAP) > 0 ? " Was the analysed log really from this incident?" : "");
        if (declaredByPeople && firstAlertAt == null) {
            s += " No alert fired: people noticed first.";
        } else if (declaredByPeople && firstAlertAt.isAfter(declaredAt)) {
            s += " The first alert came " + DurationWords.of(Duration.between(declaredAt, firstAlertAt)) + " after people declared it.";
        }
        return s;
    }

    /** Time of day when both ends fall on one day; with the date otherwise, so a long gap reads right. */
    private String when(Instant t) {
        boolean sameDay = Durations.date(symptomAt).equals(Durations.date(declaredAt));
        return sameDay ? Durations.hm(t) : Durations.date(t) + " " + Durations.hm(t);
    }

    /** One sentence on the time to mitigate against the severity's resolution target. */
    public String mitigation() {
        if (toMitigate == null) {
            return "Time to mitigate: still open.";
        }
        return "Time to mitigate: " + DurationWords.of(toMitigate) + " from declaration to resolution ("
                + (withinTarget() ? "within" : "outside") + " the " + DurationWords.of(resolutionTarget) + " target).";
    }

    /** The bot's suggested points for the retro: detection, mitigation and the analysis's prevention, as plain text. */
    public List<String> suggestions() {
        List<String> out = new ArrayList<>();
        out.add(detection());
        out.add(mitigation());
        if (prevention != null) {
            out.add("Prevention (from the analysis): " + prevention);
        }
        return List.copyOf(out);
    }
}
