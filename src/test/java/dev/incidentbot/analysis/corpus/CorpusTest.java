package dev.incidentbot.analysis.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.analysis.AnalyzeOptions;
import dev.incidentbot.analysis.LogAnalyzer;
import dev.incidentbot.analysis.report.Report;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analyzer names exactly the planted cause (or nothing) on the fixed sample of the generated corpus: every
 * kind in every format up to 10,000 records. The whole corpus runs in bench/corpus.sh.
 */
class CorpusTest {
    @TempDir
    static Path dir;

    static List<Case> sample() {
        return Corpus.sample();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sample")
    void namesThePlantedCause(Case c) throws Exception {
        Path f = dir.resolve(c.name() + c.format().extension());
        Generator.write(c, f);
        Report r = new LogAnalyzer(AnalyzeOptions.defaults()).analyze(f);
        assertThat(Outcome.judgeAll(c.causes(), Named.of(r)))
                .as("%s: planted %s, found %s", c.name(), c.causes(), Named.of(r))
                .isEqualTo(Outcome.RIGHT);
    }
}
