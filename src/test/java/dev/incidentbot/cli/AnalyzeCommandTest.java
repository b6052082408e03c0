package dev.incidentbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The `analyze` command line: formats, exit codes and one-line errors without stack traces. */
class AnalyzeCommandTest {

    /** Exit code, stdout and stderr of one run. */
    record Run(int code, String out, String err) {
    }

    private static Run run(byte[] stdin, String... args) {
        AnalyzeCommand cmd = new AnalyzeCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        cmd.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        cmd.stdin = new ByteArrayInputStream(stdin == null ? new byte[0] : stdin);
        CommandLine cli = new CommandLine(cmd);
        cli.setErr(new java.io.PrintWriter(cmd.err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String seed() throws Exception {
        return Path.of(AnalyzeCommandTest.class.getResource("/analysis/seed-api-latency.json").toURI()).toString();
    }

    @Test
    void textByDefault() throws Exception {
        Run r = run(null, seed());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Root cause\n").contains("Immediate action", "Prevention", "Retro notes")
                .contains("680–890 ms", "4 of 5", "Roll back");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void jsonAndMarkdown() throws Exception {
        Run json = run(null, "--format", "json", seed());
        assertThat(json.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.path("rootCause").path("attributes").path("modelVersion").asText()).isEqualTo("v1.3");
        assertThat(j.path("input").path("records").asInt()).isEqualTo(8);
        Run md = run(null, "--format", "markdown", seed());
        assertThat(md.code()).isZero();
        assertThat(md.out()).startsWith("## Root cause");
    }

    @Test
    void standardInputWithADash() throws Exception {
        Run r = run(Files.readAllBytes(Path.of(seed())), "--format", "json", "-");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"modelVersion\": \"v1.3\"").contains("\"source\": \"stdin\"");
    }

    @Test
    void noAnomalyIsStillExitZero() throws Exception {
        String p = Path.of(getClass().getResource("/analysis/no-anomaly.ndjson").toURI()).toString();
        Run r = run(null, "--format", "json", p);
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"verdict\": \"no_anomaly\"").contains("\"rootCause\": null");
    }

    @Test
    void badInputExitsTwoWithOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path empty = Files.write(dir.resolve("empty.json"), new byte[0]);
        Path bin = Files.write(dir.resolve("blob.bin"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2});
        for (Run r : new Run[] {run(null, dir.resolve("missing.json").toString()), run(null, empty.toString()),
            run(null, bin.toString()), run(new byte[0], "-")}) {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).startsWith("analyze: ").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(run(null, dir.resolve("missing.json").toString()).err()).contains("missing.json");
        assertThat(run(null, bin.toString()).err()).contains("blob.bin").contains("binary");
        assertThat(run(new byte[0], "-").err()).contains("stdin").contains("empty");
    }

    @Test
    void unknownFormatIsAUsageError() throws Exception {
        Run r = run(null, "--format", "yaml", seed());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown --format yaml");
    }
}
