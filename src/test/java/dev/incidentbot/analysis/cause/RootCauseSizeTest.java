package dev.incidentbot.analysis.cause;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.analysis.AnalyzeOptions;
import dev.incidentbot.analysis.Fixtures;
import dev.incidentbot.analysis.LogAnalyzer;
import dev.incidentbot.analysis.render.JsonRenderer;
import dev.incidentbot.analysis.report.Report;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The size of the cause: a combination only when its parts alone explain clearly less, never a finer group
 * than the cause, a runner-up named when two are close, and a verdict that does not depend on how many values
 * happened to be tested.
 */
class RootCauseSizeTest {
    private static final long T0 = Instant.parse("2025-12-03T10:00:00Z").toEpochMilli();

    /** 3000 requests over an hour; after the half, requests matching hit are 5x slower and fail a third of the time. */
    private static Report analyze(long seed, Predicate<Map<String, String>> hit, boolean confound) throws Exception {
        return analyze(log(seed, hit, confound));
    }

    private static String log(long seed, Predicate<Map<String, String>> hit, boolean confound) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder();
        String[] regions = {"eu", "us", "ap"};
        String[] versions = {"v1", "v2"};
        for (int i = 0; i < 3000; i++) {
            String pod = "p" + rnd.nextInt(8);
            String version = versions[rnd.nextDouble() < 0.7 ? 0 : 1];
            if (confound) {
                pod = version.equals("v2") ? "p9" : pod; // every v2 request runs on p9 and only there
            }
            Map<String, String> d = Map.of("region", regions[rnd.nextInt(3)], "version", version, "pod", pod);
            double latency = 80 * Math.exp(rnd.nextGaussian() * 0.25);
            boolean failed = rnd.nextDouble() < 0.01;
            if (i >= 1500 && hit.test(d)) {
                latency *= 5;
                failed |= rnd.nextDouble() < 0.33;
            }
            sb.append("{\"ts\":\"").append(Instant.ofEpochMilli(T0 + i * 1200L)).append("\",\"region\":\"")
                    .append(d.get("region")).append("\",\"version\":\"").append(d.get("version")).append("\",\"pod\":\"")
                    .append(d.get("pod")).append("\",\"latency_ms\":").append(Math.round(latency)).append(",\"status\":\"")
                    .append(failed ? "error" : "ok").append("\"}\n");
        }
        return sb.toString();
    }

    private static Report analyze(String text) throws Exception {
        return new LogAnalyzer(AnalyzeOptions.defaults())
                .analyze(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
    }

    @Test
    void anInteractionIsNamedAsTheCombination() throws Exception {
        Report r = analyze(1, d -> d.get("region").equals("eu") && d.get("version").equals("v2"), false);
        assertThat(r.rootCauseAttributes()).isEqualTo(Map.of("region", "eu", "version", "v2"));
        Evidence e = r.analysis().culprit().evidence();
        assertThat(e.cost()).isEqualTo(2 * Evidence.ATTRIBUTE_COST);
        // the combination beat its best part by more than the cost of its extra attribute
        GroupStats bestSingle = r.analysis().groups().get(0);
        assertThat(e.net()).isGreaterThan(bestSingle.net());
    }

    @Test
    void aSingleCauseIsNotSplitFurther() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            Report r = analyze(seed, d -> d.get("version").equals("v2"), false);
            assertThat(r.rootCauseAttributes()).as("seed %d", seed).isEqualTo(Map.of("version", "v2"));
        }
    }

    @Test
    void twoIndistinguishableCandidatesNameTheRunnerUp() throws Exception {
        Report r = analyze(3, d -> d.get("version").equals("v2"), true);
        Evidence e = r.analysis().culprit().evidence();
        String other = r.rootCauseAttributes().containsKey("version") ? "pod=p9" : "version=v2";
        assertThat(e.runnerUp()).isEqualTo(other);
        assertThat(e.net() - e.runnerUpNet()).isLessThan(Evidence.CLOSE);
        assertThat(JsonRenderer.render(r)).contains("\"runnerUp\"");
        assertThat(String.join("\n", r.evidence())).contains("Close call: " + other);
    }

    @Test
    void aClearWinnerHasNoRunnerUp() throws Exception {
        Report r = analyze(3, d -> d.get("version").equals("v2"), false);
        assertThat(r.analysis().culprit().evidence().runnerUp()).isNull();
    }

    @Test
    void theSeedVerdictDoesNotHangOnHowManyValuesWereTested() throws Exception {
        // the seed with one healthy v1.2 request on a third endpoint: one more value tested, the same eight records
        String seed = Files.readString(Fixtures.path("seed-api-latency.json"));
        String moreValues = seed.replace("\"timestamp\": \"2025-08-01T18:06:30Z\", \"endpoint\": \"/risk-score\"",
                "\"timestamp\": \"2025-08-01T18:06:30Z\", \"endpoint\": \"/health\"");
        assertThat(moreValues).isNotEqualTo(seed);
        Report before = analyze(seed);
        Report after = analyze(moreValues);
        assertThat(after.input().roles().dimensions()).containsExactlyElementsOf(before.input().roles().dimensions());
        // Holm over the values tested would have turned this into no_anomaly
        assertThat(after.analysis().culprit().adjustedP()).isGreaterThan(RootCause.ALPHA);
        assertThat(after.verdict()).isEqualTo(Report.REGRESSION);
        assertThat(after.rootCauseAttributes()).isEqualTo(before.rootCauseAttributes())
                .isEqualTo(Map.of("modelVersion", "v1.3"));
        assertThat(after.analysis().culprit().evidence().net()).isEqualTo(before.analysis().culprit().evidence().net());
    }

    @Test
    void aValueOnAllTrafficIsNoCandidate() throws Exception {
        // method=GET on every request got as much worse as the whole window: true, and no help to anyone
        String text = log(2, d -> d.get("version").equals("v2"), false).replace("{\"ts\"", "{\"method\":\"GET\",\"ts\"");
        Report r = analyze(text);
        assertThat(r.input().roles().dimensions()).contains("method");
        assertThat(r.rootCauseAttributes()).isEqualTo(Map.of("version", "v2"));
        GroupStats get = r.analysis().groups().stream().filter(g -> g.label().equals("method=GET")).findFirst().orElseThrow();
        assertThat(get.evidence().reason()).isEqualTo("carried by nearly all traffic");
    }

    @Test
    void nothingConvincingIsNoAnomalyWithTheReasonInTheScores() throws Exception {
        // two slow requests after a change in a small log: support too thin to name anything
        String text = """
                {"ts":"2025-12-03T10:00:00Z","version":"a","latency_ms":80,"status":"ok"}
                {"ts":"2025-12-03T10:01:00Z","version":"b","latency_ms":85,"status":"ok"}
                {"ts":"2025-12-03T10:02:00Z","version":"a","latency_ms":82,"status":"ok"}
                {"ts":"2025-12-03T10:03:00Z","version":"b","latency_ms":79,"status":"ok"}
                {"ts":"2025-12-03T10:04:00Z","version":"a","latency_ms":900,"status":"ok"}
                {"ts":"2025-12-03T10:05:00Z","version":"b","latency_ms":81,"status":"ok"}
                {"ts":"2025-12-03T10:06:00Z","version":"a","latency_ms":950,"status":"ok"}
                """;
        Report r = analyze(text);
        assertThat(r.verdict()).isEqualTo(Report.NO_ANOMALY);
        GroupStats a = r.analysis().groups().stream().filter(g -> g.label().equals("version=a")).findFirst().orElseThrow();
        assertThat(a.evidence().reason()).contains("fewer than " + RootCause.MIN_SUPPORT);
        assertThat(JsonRenderer.render(r)).contains("\"decision\"");
    }
}
