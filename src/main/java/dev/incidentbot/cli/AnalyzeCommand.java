package dev.incidentbot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for `analyze`; the log analyzer replaces it. */
@Command(name = "analyze", description = "Analyse an API log file and print the report.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("analyze: not built yet");
        return 2;
    }
}
