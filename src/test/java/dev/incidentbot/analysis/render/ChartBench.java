package dev.incidentbot.analysis.render;

import dev.incidentbot.analysis.AnalyzeOptions;
import dev.incidentbot.analysis.LogAnalyzer;
import dev.incidentbot.analysis.report.Report;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times the chart for bench/chart.sh: the first render in a fresh JVM (class loading, fonts), then warm renders
 * after a warm-up, and what asking for the series adds to the analysis. Not a test: run by the script.
 */
public final class ChartBench {
    private ChartBench() {
    }

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long t0 = System.nanoTime();
        Report report = new LogAnalyzer(AnalyzeOptions.defaults().withSeries(true)).analyze(log);
        double analyzeMs = ms(t0);
        t0 = System.nanoTime();
        byte[] png = ChartRenderer.png(report);
        double coldMs = ms(t0);
        System.out.printf("log %s: %s, culprit %s, %d buckets of %d s%n", log.getFileName(), report.verdict(),
                report.rootCauseAttributes(), report.timeline().overall().points().size(),
                report.timeline().bucketSeconds());
        System.out.printf("analysis with series (cold): %.0f ms; chart %d bytes%n", analyzeMs, png.length);
        System.out.printf("render cold (first in this JVM): %.0f ms%n", coldMs);
        for (int i = 0; i < 20; i++) {
            ChartRenderer.png(report);
        }
        double[] warm = new double[runs];
        for (int i = 0; i < runs; i++) {
            t0 = System.nanoTime();
            ChartRenderer.png(report);
            warm[i] = ms(t0);
        }
        Arrays.sort(warm);
        System.out.printf("render warm (%d runs after 20 warm-up): median %.1f ms, p90 %.1f ms, max %.1f ms%n", runs,
                warm[runs / 2], warm[(int) (runs * 0.9)], warm[runs - 1]);
        // what the series costs the analysis, both warm: the plain path does not compute it
        double[] with = new double[5];
        double[] without = new double[5];
        for (int i = 0; i < 5; i++) {
            t0 = System.nanoTime();
            new LogAnalyzer(AnalyzeOptions.defaults()).analyze(log);
            without[i] = ms(t0);
            t0 = System.nanoTime();
            new LogAnalyzer(AnalyzeOptions.defaults().withSeries(true)).analyze(log);
            with[i] = ms(t0);
        }
        Arrays.sort(with);
        Arrays.sort(without);
        System.out.printf("analysis warm, median of 5: without series %.0f ms, with series %.0f ms%n", without[2],
                with[2]);
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
