package dev.incidentbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.analysis.PlantedLog;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `analyze --chart FILE.png`: writes a PNG on both argument paths; a bad chart path is one line and exit 2. */
class AnalyzeChartTest {
    @TempDir
    static Path dir;
    private static Path log;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void write() throws Exception {
        log = PlantedLog.write(dir, 6_000, true);
    }

    private static Run run(boolean quick, String... args) {
        AnalyzeCommand cmd;
        if (quick) {
            String[] all = new String[args.length + 1];
            all[0] = "analyze";
            System.arraycopy(args, 0, all, 1, args.length);
            cmd = AnalyzeCommand.quick(all);
            assertThat(cmd).as("the quick path takes these arguments").isNotNull();
        } else {
            cmd = new AnalyzeCommand();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        cmd.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code;
        if (quick) {
            code = cmd.call();
        } else {
            CommandLine cli = new CommandLine(cmd);
            cli.setErr(new java.io.PrintWriter(cmd.err, true));
            code = cli.execute(args);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void isChart(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(700);
    }

    @Test
    void picocliPathWritesTheChart() throws Exception {
        Path png = dir.resolve("picocli.png");
        Run r = run(false, "--format", "json", "--chart", png.toString(), log.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // the figures behind the chart come with it
        assertThat(r.out()).contains("\"verdict\": \"regression\"", "\"series\": {",
                "\"label\": \"version=2.4.1\"");
        isChart(png);
    }

    @Test
    void quickPathWritesTheChart() throws Exception {
        Path png = dir.resolve("quick.png");
        Run r = run(true, "--chart", png.toString(), log.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Root cause");
        isChart(png);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aMissingDirectoryIsOneLineAndExitTwo() {
        for (boolean quick : new boolean[] {true, false}) {
            Path png = dir.resolve("no-such-dir").resolve("c.png");
            Run r = run(quick, "--chart", png.toString(), log.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).isEqualTo("analyze: --chart " + png + ": no such directory");
            assertThat(Files.exists(png)).isFalse();
        }
    }

    @Test
    void aDirectoryIsNotAChartFile() {
        Run r = run(true, "--chart", dir.toString(), log.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("analyze: --chart " + dir + ": is a directory");
    }

    @Test
    void aMissingChartValueIsAUsageError() {
        Run r = run(false, log.toString(), "--chart");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("\tat ");
        assertThat(AnalyzeCommand.quick(new String[] {"analyze", log.toString(), "--chart"})).isNull();
    }

    @Test
    void aLogWithoutTimestampsStillGetsItsReport() throws Exception {
        Path f = dir.resolve("untimed.logfmt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            sb.append("pod=p").append(i % 3).append(" latency_ms=").append(i % 3 == 1 && i > 200 ? 900 : 100)
                    .append(" status=200\n");
        }
        Files.writeString(f, sb);
        Path png = dir.resolve("untimed.png");
        Run r = run(true, "--chart", png.toString(), f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).startsWith("Root cause");
        assertThat(r.err().strip()).contains("has no timestamps").doesNotContain("\n");
        assertThat(Files.exists(png)).isFalse();
    }
}
