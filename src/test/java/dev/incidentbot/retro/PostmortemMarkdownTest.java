package dev.incidentbot.retro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.incident.TimelineKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The postmortem's Markdown against golden files. After an intended change of layout, regenerate them with
 * {@code mvn test -Dtest=PostmortemMarkdownTest -Dgolden.update=true} and review the diff.
 */
class PostmortemMarkdownTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = PostmortemMarkdownTest.class.getResourceAsStream("/retro/" + name)) {
            assertThat(in).as("test resource retro/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertGolden(String actual, String golden) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/retro", golden), actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(resource(golden));
    }

    private static Instant t(String hm) {
        return Instant.parse("2025-08-01T" + hm + ":00Z");
    }

    static Incident seedIncident(String analysisJson) {
        return new Incident("INC-2025-007", "Model v1.3 latency regression",
                "3 lenders in Kenya report timeouts approving SME funding requests", Severity.SEV2, IncidentStatus.RESOLVED,
                "U0ALICE", "U0ALICE", "slack", true, t("18:30"), t("18:45"), t("19:12"),
                analysisJson == null ? null : "modelVersion=v1.3 is behind the slowdown and the timeouts", "Rolled back to v1.2",
                analysisJson, "C0INCIDENT", "1754073000.000100", null);
    }

    static List<TimelineEntry> seedTimeline() {
        String id = "INC-2025-007";
        return List.of(
                new TimelineEntry(1, id, t("18:30"), TimelineKind.DECLARED, "U0ALICE", "Declared SEV2: Model v1.3 latency regression"),
                new TimelineEntry(2, id, t("18:38"), TimelineKind.ANALYSIS, "U0ALICE", "Root cause identified: modelVersion=v1.3"),
                new TimelineEntry(3, id, t("18:45"), TimelineKind.STATUS, "U0ALICE", "Routing all traffic to v1.2"),
                new TimelineEntry(4, id, t("18:50"), TimelineKind.ALERT, "monitoring", "Alert ApiLatencyHigh firing | p95 > 500 ms"),
                new TimelineEntry(5, id, t("19:12"), TimelineKind.RESOLVED, "U0ALICE", "Resolved: Rolled back to v1.2"),
                new TimelineEntry(6, id, t("19:12"), TimelineKind.RETRO, "U0ALICE", "Retro thread opened"));
    }

    static List<RetroNote> seedNotes() {
        String id = "INC-2025-007";
        return List.of(
                new RetroNote(1, id, NoteKind.WENT_WELL, "U0BOB", "rollback took 4 minutes once decided", "C0INCIDENT",
                        "1754075400.000200", t("19:10"), null, false),
                new RetroNote(2, id, NoteKind.WENT_POORLY, "U0CAROL", "we learned from lenders,\nnot from alerts", "C0INCIDENT",
                        "1754075460.000300", t("19:11"), t("19:20"), false),
                new RetroNote(3, id, NoteKind.ACTION, "U0BOB", "alert on p95 latency per model version", "C0INCIDENT",
                        "1754075520.000400", t("19:12"), null, false),
                new RetroNote(4, id, NoteKind.WENT_POORLY, "U0BOB", "posted in the wrong thread", "C0INCIDENT",
                        "1754075580.000500", t("19:13"), t("19:14"), true),
                new RetroNote(5, id, NoteKind.LESSON, "U0ALICE", "ship model versions behind a canary", "C0INCIDENT", null,
                        t("19:15"), null, false),
                new RetroNote(6, id, NoteKind.DISCUSSION, "U0DAN", "was the <b>canary</b> | config on?", "C0INCIDENT",
                        "1754075760.000700", t("19:16"), null, false));
    }

    @Test
    void withAnAnalysisMatchesTheGoldenFile() throws IOException {
        String json = resource("analysis-seed.json");
        Postmortem p = Postmortem.of(seedIncident(json), seedTimeline(), seedNotes(), AnalysisFacts.parse(json));

        assertGolden(PostmortemMarkdown.render(p), "postmortem-with-analysis.md");
    }

    @Test
    void withoutAnAnalysisMatchesTheGoldenFile() throws IOException {
        Postmortem p = Postmortem.of(seedIncident(null), seedTimeline(), seedNotes().subList(0, 3), AnalysisFacts.NONE);

        assertGolden(PostmortemMarkdown.render(p), "postmortem-without-analysis.md");
    }

    @Test
    void holdsEverySectionOfTheSeedReviewAndEachLiveNoteOnce() throws IOException {
        String json = resource("analysis-seed.json");
        String md = PostmortemMarkdown.render(Postmortem.of(seedIncident(json), seedTimeline(), seedNotes(), AnalysisFacts.parse(json)));

        assertThat(md).contains("## Incident Summary", "**Date**: 2025-08-01", "**Duration**: 42 minutes", "**Severity**: SEV2 (HIGH)",
                "**Services Affected**: modelVersion v1.3", "### Impact", "## What Happened", "## Root Cause",
                "### Contributing Factors", "## Timeline", "## Alerts to Create", "## Action Items", "## Lessons Learned",
                "**What went well**", "**What went poorly**");
        for (String note : List.of("rollback took 4 minutes once decided", "we learned from lenders, not from alerts",
                "alert on p95 latency per model version", "ship model versions behind a canary")) {
            assertThat(md.split(java.util.regex.Pattern.quote(note), -1)).as(note).hasSize(2);
        }
        assertThat(md).doesNotContain("posted in the wrong thread");
        assertThat(md).contains("- [ ] alert on p95 latency per model version (@U0BOB)");
        assertThat(md).contains("**p95 latency per modelVersion** (threshold 180 ms)");
        assertThat(md).contains("| 2025-08-01 18:06:00 | analysis | First symptom in the logs (modelVersion=v1.3) |");
        assertThat(md).contains("| 2025-08-01 18:45:00 | @U0ALICE | Routing all traffic to v1.2 |");
        assertThat(md).contains("Detection gap: 24 minutes from the first symptom in the logs (18:06 UTC) to the declaration (18:30 UTC).");
        assertThat(md).contains("The first alert came 20 minutes after people declared it.");
    }

    @Test
    void textFromPeopleCannotBreakTheLayout() throws IOException {
        String md = PostmortemMarkdown.render(Postmortem.of(seedIncident(null), seedTimeline(), seedNotes(), AnalysisFacts.NONE));

        assertThat(md).contains("| Alert ApiLatencyHigh firing \\| p95 &gt; 500 ms |");
        assertThat(md).contains("- was the &lt;b&gt;canary&lt;/b&gt; | config on? (@U0DAN, 19:16 UTC)");
        assertThat(md).contains("- we learned from lenders, not from alerts (@U0CAROL, 19:11 UTC, edited)");
        assertThat(md).doesNotContain("<b>");
    }

    @Test
    void anOpenIncidentWithNothingRecordedStillHasEverySection() {
        Incident open = new Incident("INC-2025-008", "Checkout 500s", null, Severity.SEV1, IncidentStatus.INVESTIGATING, null,
                "alertmanager", "alertmanager", false, t("10:00"), t("10:00"), null, null, null, null, "C0INCIDENT", null, null);
        String md = PostmortemMarkdown.render(Postmortem.of(open, List.of(), List.of(), AnalysisFacts.parse("{not json")));

        assertThat(md).contains("**Duration**: still open", "**Services Affected**: not recorded", "To be determined.",
                "raised by monitoring (alertmanager)", "Time to mitigate: still open.", "_None proposed.",
                "_None yet. Add one with `/incident retro add INC-2025-008 action: …`._", "- _no notes_");
        assertThat(md).contains("## Timeline", "## Alerts to Create", "## Action Items", "## Lessons Learned");
    }
}
