package dev.incidentbot.cli;

import dev.incidentbot.analysis.AnalyzeOptions;
import dev.incidentbot.analysis.LogAnalyzer;
import dev.incidentbot.analysis.input.UnreadableInputException;
import dev.incidentbot.analysis.render.ChartException;
import dev.incidentbot.analysis.render.ChartRenderer;
import dev.incidentbot.analysis.render.JsonRenderer;
import dev.incidentbot.analysis.render.MarkdownRenderer;
import dev.incidentbot.analysis.render.TextRenderer;
import dev.incidentbot.analysis.report.Report;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `analyze`: reads an API log (file, gzip or stdin) and prints root cause, action, prevention and retro notes. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse an API log (JSON, NDJSON, logfmt, CSV/TSV, access log; gzip or '-' for stdin) and "
                + "print the root cause with evidence, one immediate action, one prevention and retro notes.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|-", description = "Log file, or - for standard input.")
    String file;

    @Option(names = "--format", defaultValue = "text", description = "text, markdown or json (default: text).")
    String format;

    @Option(names = "--input-format", description = "Force the input format: json, ndjson, logfmt, csv, tsv, access.")
    String inputFormat;

    @Option(names = "--latency-field", description = "Field holding the latency.")
    String latencyField;

    @Option(names = "--time-field", description = "Field holding the timestamp.")
    String timeField;

    @Option(names = "--outcome-field", description = "Field holding the status or outcome.")
    String outcomeField;

    @Option(names = "--dimensions", split = ",", description = "Comma-separated fields to use as dimensions.")
    List<String> dimensions;

    @Option(names = "--chart", paramLabel = "FILE.png",
            description = "Also write the chart (p95 latency and failure rate over time, culprit vs the rest) as PNG.")
    String chart;

    @Option(names = "--debug", description = "Print the stack trace of an unexpected error.")
    boolean debug;

    /** Set by main when the process ends after this command: the JVM is then told to stop optimising compiles. */
    public boolean lastInProcess;

    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
            StandardCharsets.UTF_8);
    PrintStream err = System.err;
    java.io.InputStream stdin = System.in;

    /**
     * The command for plain {@code analyze [options] FILE} arguments without picocli, or null when anything else
     * is asked (help, version, {@code --opt=value}, unknown or repeated options) and picocli should parse them.
     * Building picocli's model by reflection is about 0.1 s of start-up, a tenth of a large analysis.
     */
    public static AnalyzeCommand quick(String[] args) {
        if (args.length < 2 || !"analyze".equals(args[0])) {
            return null;
        }
        AnalyzeCommand c = new AnalyzeCommand();
        c.format = "text";
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if ("--debug".equals(a) && seen.add(a)) {
                c.debug = true;
                continue;
            }
            if (a.startsWith("-") && !"-".equals(a)) {
                if (i + 1 == args.length || args[i + 1].startsWith("-") || !seen.add(a)) {
                    return null;
                }
                String v = args[++i];
                switch (a) {
                    case "--format" -> c.format = v;
                    case "--input-format" -> c.inputFormat = v;
                    case "--latency-field" -> c.latencyField = v;
                    case "--time-field" -> c.timeField = v;
                    case "--outcome-field" -> c.outcomeField = v;
                    case "--chart" -> c.chart = v;
                    case "--dimensions" -> {
                        c.dimensions = List.of(v.split(",", -1));
                        if (c.dimensions.contains("")) {
                            return null;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
                continue;
            }
            if (c.file != null) {
                return null;
            }
            c.file = a;
        }
        return c.file == null ? null : c;
    }

    @Override
    public Integer call() {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("markdown") && !fmt.equals("md") && !fmt.equals("json")) {
            err.println("analyze: unknown --format " + format + " (text, markdown or json)");
            return 2;
        }
        String name = "-".equals(file) ? "stdin" : file;
        Path chartPath = null;
        if (chart != null) {
            String problem;
            try {
                chartPath = Path.of(chart);
                problem = chart.isBlank() ? "not a valid path" : ChartFile.problem(chartPath);
            } catch (java.nio.file.InvalidPathException e) {
                problem = "not a valid path";
            }
            if (problem != null) {
                err.println("analyze: --chart " + chart + ": " + problem);
                return 2;
            }
        }
        try {
            LogAnalyzer analyzer = new LogAnalyzer(new AnalyzeOptions(inputFormat, latencyField, timeField,
                    outcomeField, dimensions, chartPath != null));
            Report report = "-".equals(file) ? analyzer.analyze(stdin, "stdin") : analyzer.analyze(Path.of(file));
            // the chart before the report, so whoever reads the report can open it; a failure is told after it
            String chartProblem = chartPath == null ? null : writeChart(report, chartPath, name);
            if (lastInProcess) {
                LogAnalyzer.endOfProcess();
            }
            out.print(switch (fmt) {
                case "json" -> JsonRenderer.render(report);
                case "markdown", "md" -> MarkdownRenderer.render(report);
                default -> TextRenderer.render(report);
            });
            out.flush();
            if (chartProblem != null) {
                err.println("analyze: --chart " + chart + ": " + chartProblem);
                return 2;
            }
            return 0;
        } catch (UnreadableInputException e) {
            err.println("analyze: " + e.getMessage());
            return 2;
        } catch (java.nio.file.InvalidPathException e) {
            err.println("analyze: " + name + ": not a valid path");
            return 2;
        } catch (RuntimeException | OutOfMemoryError e) {
            // the analysis, or an unexpected failure of the chart: no stack trace without --debug
            String ref = Long.toString(System.nanoTime() & 0xffffffL, 36);
            err.println("analyze: " + name + ": internal error (" + e.getClass().getSimpleName() + ", ref " + ref
                    + "); re-run with --debug for details");
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** Draws and writes the chart; null when done, else the one-line reason (the report is printed either way). */
    private String writeChart(Report report, Path path, String name) {
        if (report.timeline() == null) {
            return "no chart: " + name + " has no timestamps to draw over";
        }
        byte[] png;
        try {
            png = ChartRenderer.png(report);
        } catch (ChartException e) {
            if (debug) {
                e.printStackTrace(err);
            }
            return e.getMessage();
        }
        try {
            ChartFile.write(path, png);
            return null;
        } catch (java.io.IOException | SecurityException e) {
            return "cannot be written (" + e.getClass().getSimpleName() + ")";
        }
    }
}
