package dev.incidentbot.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentbot.analysis.cause.GroupStats;
import dev.incidentbot.analysis.cause.LatencyStats;
import dev.incidentbot.analysis.render.JsonRenderer;
import dev.incidentbot.analysis.render.MarkdownRenderer;
import dev.incidentbot.analysis.render.TextRenderer;
import dev.incidentbot.analysis.report.Report;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed challenge's own malformed log must give the numbers the challenge's data supports. */
class SeedLogTest {
    private static Report report;

    @BeforeAll
    static void analyze() throws Exception {
        report = Fixtures.analyze("seed-api-latency.json");
    }

    @Test
    void recoversAllEightRecordsAndSaysWhatWasRepaired() {
        assertThat(report.input().records()).isEqualTo(8);
        assertThat(report.input().repaired()).isEqualTo(1);
        assertThat(report.input().skipped()).isZero();
        assertThat(report.input().repairReasons()).containsEntry("missing comma between objects", 1L);
        assertThat(report.input().format()).isEqualTo("json-array (recovered)");
    }

    @Test
    void detectsFieldRoles() {
        var roles = report.input().roles();
        assertThat(roles.timeField()).isEqualTo("timestamp");
        assertThat(roles.latencyField()).isEqualTo("responseTimeMs");
        assertThat(roles.latencyUnitMicros()).isEqualTo(1000.0);
        assertThat(roles.outcomeField()).isEqualTo("status");
        assertThat(roles.failureValues()).containsExactly("Timeout");
        assertThat(roles.dimensions()).containsExactly("endpoint", "modelVersion");
    }

    @Test
    void blamesTheNewModelVersionFromItsFirstRequest() {
        assertThat(report.verdict()).isEqualTo("regression");
        assertThat(report.isAnomaly()).isTrue();
        assertThat(report.rootCauseAttributes()).containsExactly(Map.entry("modelVersion", "v1.3"));
        assertThat(report.startedAt()).isEqualTo(Instant.parse("2025-08-01T18:06:00Z"));
        assertThat(report.analysis().culprit().isNew()).isTrue();
    }

    @Test
    void culpritNumbersAreExact() {
        GroupStats c = report.analysis().culprit();
        assertThat(c.incidentRequests()).isEqualTo(5);
        assertThat(c.incidentTimeouts()).isEqualTo(4);
        LatencyStats l = c.incidentLatency();
        assertThat(l.exact()).isTrue();
        assertThat(l.min()).isEqualTo(680);
        assertThat(l.p50()).isEqualTo(750);
        assertThat(l.p95()).isEqualTo(890);
        assertThat(l.max()).isEqualTo(890);
    }

    @Test
    void healthyVersionIsShownOverTheWholeLog() {
        GroupStats v12 = report.analysis().peers().get(0);
        assertThat(v12.attributes()).containsEntry("modelVersion", "v1.2");
        assertThat(v12.requests()).isEqualTo(3);
        assertThat(v12.failed()).isZero();
        assertThat(v12.allLatency().min()).isEqualTo(90);
        assertThat(v12.allLatency().max()).isEqualTo(120);
        assertThat(report.evidence()).anySatisfy(e -> assertThat(e).contains("v1.2").contains("90–120 ms")
                .contains("3 of 3 OK"));
    }

    @Test
    void headlineEvidenceAndAdviceCarryTheNumbers() {
        assertThat(report.headline()).isEqualTo("modelVersion=v1.3 is behind the slowdown and the timeouts since "
                + "2025-08-01 18:06:00 UTC: p95 890 ms vs 120 ms, 4 of 5 timed out");
        assertThat(report.evidence().get(0)).contains("680–890 ms").contains("4 of 5 timed out (80%)");
        assertThat(report.evidence()).anySatisfy(e -> assertThat(e).contains("endpoint is not the cause"));
        assertThat(report.immediateAction()).startsWith("Roll back modelVersion v1.3 to v1.2")
                .contains("Check that it worked").contains("180 ms");
        assertThat(report.prevention()).startsWith("Canary every new modelVersion with automatic rollback");
        assertThat(report.retroNotes()).hasSizeBetween(3, 4);
        assertThat(report.retroNotes().get(0)).startsWith("Detection gap").contains("1 min 15 s");
        assertThat(report.analysis().suggestedAlert().thresholdMs()).isEqualTo(180);
        assertThat(report.analysis().suggestedAlert().dimension()).isEqualTo("modelVersion");
    }

    @Test
    void textHasTheFourSections() {
        String text = TextRenderer.render(report);
        assertThat(text).contains("Root cause\n", "Immediate action\n", "Prevention\n", "Retro notes\n", "Input\n")
                .contains("680–890 ms").contains("4 of 5").contains("v1.2").contains("Roll back");
        assertThat(text.indexOf("Root cause")).isLessThan(text.indexOf("Immediate action"));
    }

    @Test
    void markdownHasTheFourSections() {
        String md = MarkdownRenderer.render(report);
        assertThat(md).contains("## Root cause", "## Immediate action", "## Prevention", "## Retro notes")
                .contains("680–890 ms").contains("4 of 5");
    }

    @Test
    void jsonCarriesTheContractKeys() throws Exception {
        JsonNode j = new ObjectMapper().readTree(JsonRenderer.render(report));
        assertThat(j.path("verdict").asText()).isEqualTo("regression");
        assertThat(j.path("input").path("records").asInt()).isEqualTo(8);
        assertThat(j.path("input").path("repaired").asInt()).isEqualTo(1);
        assertThat(j.path("input").path("skipped").asInt()).isZero();
        assertThat(j.path("input").path("format").asText()).isNotEmpty();
        assertThat(j.path("rootCause").path("attributes").toString()).isEqualTo("{\"modelVersion\":\"v1.3\"}");
        assertThat(j.path("rootCause").path("startedAt").asText()).isEqualTo("2025-08-01T18:06:00Z");
        assertThat(j.path("rootCause").path("incident").path("latencyMs").path("min").asInt()).isEqualTo(680);
        assertThat(j.path("rootCause").path("scores").path("pValue").asDouble()).isBetween(0.0, 0.05);
        assertThat(j.path("suggestedAlert").path("threshold_ms").asInt()).isEqualTo(180);
        assertThat(j.path("retroNotes").size()).isBetween(3, 4);
        assertThat(j.path("groups").size()).isEqualTo(4);
        assertThat(j.path("immediateAction").asText()).contains("Roll back");
    }
}
