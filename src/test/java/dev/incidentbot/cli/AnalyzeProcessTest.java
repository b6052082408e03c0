package dev.incidentbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The analyze process ends by halting once the report is out: its output and exit code are those of the command. */
class AnalyzeProcessTest {

    private record Run(int code, String out, String err) {
    }

    private static Run process(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] cmd = new String[args.length + 4];
        cmd[0] = java;
        cmd[1] = "-cp";
        cmd[2] = System.getProperty("java.class.path");
        cmd[3] = Main.class.getName();
        System.arraycopy(args, 0, cmd, 4, args.length);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        return new Run(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static String inProcess(String... args) {
        AnalyzeCommand c = AnalyzeCommand.quick(args);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        c.out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        assertThat(c.call()).isZero();
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void wholeReportAndExitCodeThroughAPipe() throws Exception {
        String seed = new File(getClass().getResource("/analysis/seed-api-latency.json").toURI()).getPath();
        Run r = process("analyze", "--format", "json", seed);
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(inProcess("analyze", "--format", "json", seed));
    }

    @Test
    void failureKeepsItsExitCodeAndMessage() throws Exception {
        Run r = process("analyze", "--format", "json", "/no/such/file.log");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("no such file");
    }
}
