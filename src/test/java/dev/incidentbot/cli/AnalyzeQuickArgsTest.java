package dev.incidentbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli-free parse of plain `analyze` arguments agrees with picocli, and leaves everything else to it. */
class AnalyzeQuickArgsTest {

    private static AnalyzeCommand picocli(String... args) {
        AnalyzeCommand c = new AnalyzeCommand();
        new CommandLine(c).parseArgs(Arrays.copyOfRange(args, 1, args.length));
        return c;
    }

    private static void sameAsPicocli(String... args) {
        AnalyzeCommand q = AnalyzeCommand.quick(args);
        AnalyzeCommand p = picocli(args);
        assertThat(q).isNotNull();
        assertThat(q.file).isEqualTo(p.file);
        assertThat(q.format).isEqualTo(p.format);
        assertThat(q.inputFormat).isEqualTo(p.inputFormat);
        assertThat(q.latencyField).isEqualTo(p.latencyField);
        assertThat(q.timeField).isEqualTo(p.timeField);
        assertThat(q.outcomeField).isEqualTo(p.outcomeField);
        assertThat(q.dimensions).isEqualTo(p.dimensions);
        assertThat(q.chart).isEqualTo(p.chart);
        assertThat(q.debug).isEqualTo(p.debug);
    }

    @Test
    void plainArgumentsParseLikePicocli() {
        sameAsPicocli("analyze", "app.log");
        sameAsPicocli("analyze", "--format", "json", "app.log");
        sameAsPicocli("analyze", "app.log", "--format", "markdown", "--debug");
        sameAsPicocli("analyze", "--chart", "out.png", "--format", "json", "app.log");
        sameAsPicocli("analyze", "--input-format", "ndjson", "--latency-field", "ms", "--time-field", "ts",
                "--outcome-field", "status", "--dimensions", "pod,region", "-");
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        assertThat(AnalyzeCommand.quick(new String[] {"analyze", "--help"})).isNull();
        assertThat(AnalyzeCommand.quick(new String[] {"analyze", "--format=json", "f"})).isNull();
        assertThat(AnalyzeCommand.quick(new String[] {"analyze", "--nope", "x", "f"})).isNull();
        assertThat(AnalyzeCommand.quick(new String[] {"analyze", "a", "b"})).isNull();
        assertThat(AnalyzeCommand.quick(new String[] {"analyze", "--format", "json"})).isNull();
        assertThat(AnalyzeCommand.quick(new String[] {"analyze", "--format", "json", "--format", "text", "f"}))
                .isNull();
        assertThat(AnalyzeCommand.quick(new String[] {"serve"})).isNull();
        assertThat(AnalyzeCommand.quick(new String[] {"analyze", "--dimensions", "a,,b", "f"})).isNull();
    }
}
