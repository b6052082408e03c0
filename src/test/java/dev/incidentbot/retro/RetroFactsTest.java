package dev.incidentbot.retro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.incident.TimelineKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetroFactsTest {
    private static final Instant DECLARED = Instant.parse("2026-03-02T10:00:00Z");

    private static Incident incident(String source, Instant resolvedAt) {
        return new Incident("INC-2026-001", "Checkout 500s", null, Severity.SEV1,
                resolvedAt == null ? IncidentStatus.INVESTIGATING : IncidentStatus.RESOLVED, null, "U0ALICE", source, false,
                DECLARED, DECLARED, resolvedAt, null, resolvedAt == null ? null : "fixed", null, "C0INCIDENT", null, null);
    }

    private static AnalysisFacts startedAt(String iso) {
        return AnalysisFacts.parse("{\"rootCause\":{\"attributes\":{\"pod\":\"a\"},\"startedAt\":\"" + iso + "\"},\"prevention\":\"canary\"}");
    }

    @Test
    void detectionGapRunsFromTheFirstSymptomInTheLogsToTheDeclaration() {
        RetroFacts f = RetroFacts.of(incident("slack", DECLARED.plus(Duration.ofMinutes(45))), List.of(), startedAt("2026-03-02T09:35:00Z"));

        assertThat(f.detectionGap()).isEqualTo(Duration.ofMinutes(25));
        assertThat(f.suggestions()).containsExactly(
                "Detection gap: 25 minutes from the first symptom in the logs (09:35 UTC) to the declaration (10:00 UTC). "
                        + "No alert fired: people noticed first.",
                "Time to mitigate: 45 minutes from declaration to resolution (outside the 30 minutes target).",
                "Prevention (from the analysis): canary");
    }

    @Test
    void withoutAnAnalysisAnAlertBeforeTheDeclarationStartsTheGap() {
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry(1, "INC-2026-001", DECLARED.minus(Duration.ofMinutes(12)), TimelineKind.ALERT, "monitoring", "alert"));
        RetroFacts f = RetroFacts.of(incident("slack", null), timeline, AnalysisFacts.NONE);

        assertThat(f.detectionGap()).isEqualTo(Duration.ofMinutes(12));
        assertThat(f.detection()).contains("from the first alert (09:48 UTC)").doesNotContain("No alert fired");
        assertThat(f.mitigation()).isEqualTo("Time to mitigate: still open.");
    }

    @Test
    void anIncidentDeclaredByMonitoringWasDetectedByItsAlert() {
        RetroFacts f = RetroFacts.of(incident("alertmanager", DECLARED.plusSeconds(600)), List.of(), AnalysisFacts.NONE);

        assertThat(f.detectionGap()).isEqualTo(Duration.ZERO);
        assertThat(f.withinTarget()).isTrue();
    }

    @Test
    void aSymptomDaysEarlierShowsDatesAndDoubtsTheLog() {
        RetroFacts f = RetroFacts.of(incident("slack", null), List.of(), startedAt("2025-08-01T18:06:00Z"));

        assertThat(f.detection()).contains("(2025-08-01 18:06 UTC) to the declaration (2026-03-02 10:00 UTC)")
                .contains("Was the analysed log really from this incident?");
    }

    @Test
    void nothingKnownSaysSo() {
        RetroFacts f = RetroFacts.of(incident("slack", null), List.of(), AnalysisFacts.NONE);

        assertThat(f.detectionGap()).isNull();
        assertThat(f.detection()).startsWith("Detection gap: unknown");
    }
}
