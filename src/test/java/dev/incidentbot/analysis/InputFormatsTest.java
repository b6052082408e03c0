package dev.incidentbot.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentbot.analysis.input.UnreadableInputException;
import dev.incidentbot.analysis.report.Report;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every input format is recognised, read in full and its field roles reported. */
class InputFormatsTest {

    private static Report analyze(String text) throws Exception {
        return analyze(text, AnalyzeOptions.defaults());
    }

    private static Report analyze(String text, AnalyzeOptions o) throws Exception {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new LogAnalyzer(o).analyze(in, "pasted");
    }

    @Test
    void ndjson() throws Exception {
        Report r = Fixtures.analyze("ndjson-new-version.ndjson");
        assertThat(r.input().format()).isEqualTo("ndjson");
        assertThat(r.input().records()).isEqualTo(600);
        assertThat(r.input().roles().latencyField()).isEqualTo("latency_ms");
        assertThat(r.input().roles().ignored()).containsKey("trace_id");
    }

    @Test
    void gzipGivesTheSameAnswerAsThePlainFile() throws Exception {
        Report gz = Fixtures.analyze("ndjson-new-version.ndjson.gz");
        Report plain = Fixtures.analyze("ndjson-new-version.ndjson");
        assertThat(gz.input().format()).isEqualTo("ndjson+gzip");
        assertThat(gz.input().records()).isEqualTo(plain.input().records());
        assertThat(gz.rootCauseAttributes()).isEqualTo(plain.rootCauseAttributes());
        assertThat(gz.headline()).isEqualTo(plain.headline());
    }

    @Test
    void logfmtWithEpochSeconds() throws Exception {
        Report r = Fixtures.analyze("combination.logfmt");
        assertThat(r.input().format()).isEqualTo("logfmt");
        assertThat(r.input().records()).isEqualTo(1800);
        assertThat(r.input().roles().timeField()).isEqualTo("ts");
        assertThat(r.input().roles().latencyField()).isEqualTo("duration_ms");
        assertThat(r.input().roles().dimensions()).containsExactly("endpoint", "pod");
        assertThat(r.input().roles().ignored()).containsKeys("request_id", "msg");
    }

    @Test
    void unquotedDottedVersionsAreDimensionsNotNumbers() throws Exception {
        // logfmt and CSV write versions bare; 2.3.9 once read as a number, so version was dropped as a dimension
        StringBuilder logfmt = new StringBuilder();
        StringBuilder csv = new StringBuilder("ts,version,ratio,elapsed_ms\n");
        for (int i = 0; i < 60; i++) {
            String v = i % 2 == 0 ? "2.3.9" : "2.4.0";
            logfmt.append("ts=").append(1_764_756_000 + i).append(" version=").append(v).append(" ratio=1.5e-3 duration_ms=")
                    .append(50 + i % 7).append('\n');
            csv.append(1_764_756_000 + i).append(',').append(v).append(",0.25,").append(50 + i % 7).append('\n');
        }
        for (String text : List.of(logfmt.toString(), csv.toString())) {
            Report r = analyze(text);
            assertThat(r.input().roles().dimensions()).contains("version");
            assertThat(r.input().roles().ignored()).containsEntry("ratio", "numeric or boolean");
        }
    }

    @Test
    void csvWithEpochMillis() throws Exception {
        Report r = Fixtures.analyze("decoy.csv");
        assertThat(r.input().format()).isEqualTo("csv");
        assertThat(r.input().records()).isEqualTo(2400);
        assertThat(r.input().roles().timeField()).isEqualTo("time");
        assertThat(r.input().roles().outcomeField()).isEqualTo("result");
        assertThat(r.input().roles().ignored()).containsKey("client_ip");
        assertThat(r.analysis().logStart()).hasToString("2025-09-12T14:00:00Z");
    }

    @Test
    void tsvWithHttpCodes() throws Exception {
        Report r = Fixtures.analyze("failures-only.tsv");
        assertThat(r.input().format()).isEqualTo("tsv");
        assertThat(r.input().records()).isEqualTo(2400);
        assertThat(r.input().roles().outcomeField()).isEqualTo("status");
        assertThat(r.input().roles().dimensions()).contains("upstream", "path");
    }

    @Test
    void accessLogWithRequestTimeAndExtras() throws Exception {
        Report r = Fixtures.analyze("access-seconds.log");
        assertThat(r.input().format()).isEqualTo("access-log");
        assertThat(r.input().records()).isEqualTo(1800);
        assertThat(r.input().roles().timeField()).isEqualTo("time_local");
        assertThat(r.input().roles().latencyField()).isEqualTo("request_time");
        assertThat(r.input().roles().dimensions()).contains("upstream", "path").doesNotContain("remote_addr");
    }

    @Test
    void commonLogFormatWithoutRequestTimeIsAnalysedOnFailures() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            String time = String.format("12/Sep/2025:14:%02d:%02d +0000", i / 10, (i % 10) * 6);
            boolean broken = i >= 300 && i % 2 == 0;
            String path = i % 2 == 0 ? "/pay" : "/list";
            int status = broken ? 502 : 200;
            sb.append("10.0.0.").append(i % 250).append(" - frank [").append(time).append("] \"POST ").append(path)
                    .append(" HTTP/1.1\" ").append(status).append(" 512\n");
        }
        Report r = analyze(sb.toString());
        assertThat(r.input().format()).isEqualTo("access-log");
        assertThat(r.input().records()).isEqualTo(600);
        assertThat(r.input().roles().latencyField()).isNull();
        assertThat(r.input().roles().failureValues()).containsExactly("502");
        assertThat(r.rootCauseAttributes()).containsEntry("path", "/pay");
        assertThat(r.headline()).contains("behind the failures");
    }

    @Test
    void logWithoutTimestampsUsesRecordOrder() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            boolean slow = i >= 200 && i % 2 == 0;
            sb.append("{\"svc\": \"").append(slow ? "b" : "a").append("\", \"latency_ms\": ")
                    .append(slow ? 500 + i % 7 : 100 + i % 9).append(", \"status\": \"OK\"}\n");
        }
        Report r = analyze(sb.toString());
        assertThat(r.input().roles().timeField()).isNull();
        assertThat(r.rootCauseAttributes()).containsEntry("svc", "b");
        assertThat(r.startedAt()).isNull();
        assertThat(r.headline()).contains("since record #201").doesNotContain("?");
    }

    @Test
    void prettyPrintedNestedJson() throws Exception {
        Report r = Fixtures.analyze("nested-units.json");
        assertThat(r.input().format()).isEqualTo("json-array");
        assertThat(r.input().records()).isEqualTo(600);
        assertThat(r.input().roles().timeField()).isEqualTo("@timestamp");
    }

    @Test
    void garbageLinesAreCountedAndSkippedNotFatal() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append("{\"ts\":\"2025-01-01T00:00:").append(String.format("%02d", i))
                    .append("Z\",\"latency_ms\":").append(10 + i).append(",\"status\":\"OK\",\"svc\":\"a\"}\n");
            if (i == 5) {
                sb.append("this line is not json\n");
            }
            if (i == 9) {
                sb.append("{\"ts\": \"2025-01-01T00:00:09Z\", \"latency_ms\": }\n");
            }
        }
        sb.append("{\"ts\":\"2025-01-01T00:00:30Z\",\"latency_ms\":5");
        Report r = analyze(sb.toString());
        assertThat(r.input().records()).isEqualTo(20);
        assertThat(r.input().skipReasons()).containsEntry("text that is not a JSON object", 1L)
                .containsEntry("malformed JSON object", 1L).containsEntry("truncated object at end of input", 1L);
        assertThat(r.input().skipped()).isEqualTo(3);
    }

    @Test
    void optionsOverrideDetection() throws Exception {
        String log = "when,took,state,shard,color\n"
                + "2025-01-01T00:00:00Z,12,fine,s1,red\n2025-01-01T00:00:01Z,14,fine,s2,blue\n";
        Report r = analyze(log, new AnalyzeOptions("csv", "took", "when", "state", List.of("shard")));
        assertThat(r.input().roles().latencyField()).isEqualTo("took");
        assertThat(r.input().roles().timeField()).isEqualTo("when");
        assertThat(r.input().roles().outcomeField()).isEqualTo("state");
        assertThat(r.input().roles().dimensions()).containsExactly("shard");
        assertThat(r.input().roles().ignored()).containsEntry("color", "not in --dimensions");
    }

    @Test
    void unreadableInputsNameTheSourceAndTheProblem(@TempDir Path dir) throws Exception {
        LogAnalyzer a = new LogAnalyzer(AnalyzeOptions.defaults());
        Path empty = Files.write(dir.resolve("empty.json"), new byte[0]);
        Path blank = Files.writeString(dir.resolve("blank.log"), "\n\n  \n");
        Path binary = Files.write(dir.resolve("x.bin"), new byte[] {1, 2, 0, 4, 5, 0, 7});
        Path prose = Files.writeString(dir.resolve("prose.txt"), "Dear team,\nthe API is slow.\n");
        Path noFields = Files.writeString(dir.resolve("nofields.ndjson"), "{\"a\":\"x\"}\n{\"a\":\"y\"}\n");
        assertThatThrownBy(() -> a.analyze(dir.resolve("missing.json"))).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("missing.json").hasMessageContaining("no such file");
        assertThatThrownBy(() -> a.analyze(empty)).hasMessageContaining("empty.json").hasMessageContaining("empty");
        assertThatThrownBy(() -> a.analyze(blank)).hasMessageContaining("blank.log").hasMessageContaining("empty");
        assertThatThrownBy(() -> a.analyze(binary)).hasMessageContaining("x.bin").hasMessageContaining("binary");
        assertThatThrownBy(() -> a.analyze(prose)).hasMessageContaining("prose.txt")
                .hasMessageContaining("no record recognised");
        assertThatThrownBy(() -> a.analyze(noFields)).hasMessageContaining("no latency or outcome field");
        assertThatThrownBy(() -> a.analyze(dir)).hasMessageContaining("directory");
        Path badTimes = Files.writeString(dir.resolve("times.ndjson"),
                "{\"timestamp\": \"yesterday\", \"latency_ms\": 5}\n{\"timestamp\": \"later\", \"latency_ms\": 6}\n");
        assertThat(a.analyze(badTimes).input().roles().ignored()).containsKey("timestamp");
    }
}
