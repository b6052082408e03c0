package dev.incidentbot.analysis;

import dev.incidentbot.analysis.input.UnreadableInputException;
import dev.incidentbot.analysis.report.Report;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Locates the analyzer's test fixtures on the test class path. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/analysis/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    public static Report analyze(String name) throws UnreadableInputException {
        return new LogAnalyzer(AnalyzeOptions.defaults()).analyze(path(name));
    }
}
