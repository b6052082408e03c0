package dev.incidentbot.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentbot.analysis.AnalyzeOptions;
import dev.incidentbot.analysis.LogAnalyzer;
import dev.incidentbot.analysis.PlantedLog;
import dev.incidentbot.analysis.cause.Fmt;
import dev.incidentbot.analysis.render.JsonRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart's series: only when asked, and every bucket as an independent recomputation from the raw log. */
class TimelineTest {
    private static final int ROWS = 12_000;
    @TempDir
    static Path dir;
    private static Path planted;
    private static Report report;

    @BeforeAll
    static void analyse() throws Exception {
        planted = PlantedLog.write(dir, ROWS, true);
        report = PlantedLog.analyze(planted);
    }

    /** One record of the raw log, read with Jackson: nothing of the analyzer's reader is involved. */
    private record Rec(long t, String version, double ms, boolean failed) {
    }

    private static List<Rec> raw(Path file) throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<Rec> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode j = m.readTree(line);
            out.add(new Rec(Instant.parse(j.get("timestamp").asText()).toEpochMilli(), j.get("version").asText(),
                    j.get("latencyMs").asDouble(), j.get("status").asInt() >= 500));
        }
        return out;
    }

    /** Nearest-rank p95 of a bucket's latencies, NaN for none. */
    private static double p95(List<Rec> rs) {
        double[] v = rs.stream().mapToDouble(Rec::ms).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[(int) Math.ceil(0.95 * v.length) - 1];
    }

    @Test
    void findsThePlantedCauseAndItsOnset() {
        assertThat(report.verdict()).isEqualTo(Report.REGRESSION);
        assertThat(report.rootCauseAttributes()).isEqualTo(Map.of("version", "2.4.1"));
        Timeline t = report.timeline();
        assertThat(t).isNotNull();
        assertThat(t.onset()).isEqualTo(report.startedAt());
        assertThat(t.onset()).isBetween(PlantedLog.ONSET, PlantedLog.ONSET.plusSeconds(60));
        assertThat(t.culprit().label()).isEqualTo("version=2.4.1");
        assertThat(t.rest().label()).isEqualTo(Timeline.REST_LABEL);
    }

    @Test
    void everyBucketMatchesARecomputationFromTheRawLog() throws Exception {
        Timeline t = report.timeline();
        List<Rec> recs = raw(planted);
        int buckets = t.overall().points().size();
        assertThat(buckets).isBetween(60, Timelines.MAX_BUCKETS);
        assertThat(t.culprit().points()).hasSize(buckets);
        assertThat(t.rest().points()).hasSize(buckets);
        long width = t.bucketSeconds() * 1000;
        long from = t.from().toEpochMilli();
        assertThat(from).isLessThanOrEqualTo(recs.get(0).t());
        assertThat(from % width).isZero();
        long total = 0;
        for (int i = 0; i < buckets; i++) {
            long lo = from + i * width;
            List<Rec> in = recs.stream().filter(r -> r.t() >= lo && r.t() < lo + width).toList();
            List<Rec> cul = in.stream().filter(r -> r.version().equals("2.4.1")).toList();
            List<Rec> rest = in.stream().filter(r -> !r.version().equals("2.4.1")).toList();
            check(t.culprit().points().get(i), lo, cul);
            check(t.rest().points().get(i), lo, rest);
            check(t.overall().points().get(i), lo, in);
            total += in.size();
        }
        assertThat(total).isEqualTo(ROWS);
    }

    private static void check(Timeline.Point p, long start, List<Rec> rs) {
        assertThat(p.start().toEpochMilli()).isEqualTo(start);
        assertThat(p.requests()).isEqualTo(rs.size());
        assertThat(p.failed()).isEqualTo(rs.stream().filter(Rec::failed).count());
        double p95 = p95(rs);
        if (Double.isNaN(p95)) {
            assertThat(p.p95Ms()).isNaN();
            assertThat(p.failureRate()).isNaN();
        } else {
            assertThat(p.p95Ms()).isEqualTo(p95); // buckets under 4,096 values: exact
            assertThat(p.failureRate()).isCloseTo((double) p.failed() / rs.size(), within(1e-12));
        }
    }

    @Test
    void theCulpritIsWorseAfterTheOnsetOnly() {
        Timeline t = report.timeline();
        double before = 0;
        double after = 0;
        int nb = 0;
        int na = 0;
        for (int i = 0; i < t.culprit().points().size(); i++) {
            Timeline.Point c = t.culprit().points().get(i);
            Timeline.Point r = t.rest().points().get(i);
            if (Double.isNaN(c.p95Ms()) || Double.isNaN(r.p95Ms())) {
                continue;
            }
            // buckets wholly before or after the onset: the one straddling it is mixed
            if (c.start().plusSeconds(t.bucketSeconds()).isBefore(t.onset().plusMillis(1))) {
                before += c.p95Ms() / r.p95Ms();
                nb++;
            } else if (!c.start().isBefore(t.onset())) {
                after += c.p95Ms() / r.p95Ms();
                na++;
            }
        }
        assertThat(nb).isGreaterThan(20);
        assertThat(na).isGreaterThan(20);
        assertThat(before / nb).isBetween(0.7, 1.4);
        assertThat(after / na).isGreaterThan(3);
    }

    @Test
    void notAskedForNotComputedAndTheJsonIsUnchanged() throws Exception {
        Report plain = new LogAnalyzer(AnalyzeOptions.defaults()).analyze(planted);
        assertThat(plain.timeline()).isNull();
        String without = JsonRenderer.render(plain);
        assertThat(without).doesNotContain("\"series\"");
        String with = JsonRenderer.render(report);
        // the same document with one more key at its end
        assertThat(with).startsWith(without.substring(0, without.length() - 3));
        JsonNode s = new ObjectMapper().readTree(with).path("series");
        assertThat(s.path("bucketSeconds").asLong()).isEqualTo(report.timeline().bucketSeconds());
        assertThat(s.path("culprit").path("label").asText()).isEqualTo("version=2.4.1");
        assertThat(s.path("culprit").path("points")).hasSize(report.timeline().culprit().points().size());
        assertThat(s.path("onset").asText()).isEqualTo(Fmt.iso(report.startedAt()));
    }

    @Test
    void noAnomalyHasTheOverallSeriesOnly() throws Exception {
        Report steady = PlantedLog.analyze(PlantedLog.write(dir, 6_000, false));
        assertThat(steady.verdict()).isEqualTo(Report.NO_ANOMALY);
        Timeline t = steady.timeline();
        assertThat(t.hasCulprit()).isFalse();
        assertThat(t.rest()).isNull();
        assertThat(t.onset()).isNull();
        assertThat(t.overall().label()).isEqualTo(Timeline.OVERALL_LABEL);
        assertThat(t.overall().points().stream().mapToLong(Timeline.Point::requests).sum()).isEqualTo(6_000);
    }

    @Test
    void aLogWithoutTimestampsHasNoSeries() throws Exception {
        Path f = dir.resolve("untimed.logfmt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            sb.append("pod=p").append(i % 3).append(" latency_ms=").append(i % 3 == 1 && i > 200 ? 900 : 100)
                    .append(" status=200\n");
        }
        Files.writeString(f, sb);
        Report r = PlantedLog.analyze(f);
        assertThat(r.input().roles().timeField()).isNull();
        assertThat(r.timeline()).isNull();
    }

    @Test
    void gridKeepsBetweenSixtyAndAHundredTwentyBucketsOnRoundTimes() {
        long t0 = PlantedLog.START.toEpochMilli() + 1234;
        for (long span : new long[] {90_000L, 600_000L, 3_600_000L, 7_200_000L, 86_400_000L, 7 * 86_400_000L}) {
            long[] g = Timelines.grid(t0, t0 + span, 1_000_000);
            assertThat(g[2]).as("buckets over %d ms", span).isBetween(48L, (long) Timelines.MAX_BUCKETS);
            assertThat(g[0] % g[1]).isZero();
            assertThat(g[0] + g[1] * g[2]).isGreaterThan(t0 + span);
        }
        // a small log: at most one bucket per ten rows, never fewer than twelve allowed
        assertThat(Timelines.grid(t0, t0 + 135_000, 8)[2]).isLessThanOrEqualTo(Timelines.MIN_BUCKETS);
        assertThat(Arrays.stream(Timelines.grid(t0, t0, 5)).boxed().toList().get(2)).isEqualTo(1L);
    }
}
