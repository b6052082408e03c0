package dev.incidentbot.analysis;

import dev.incidentbot.analysis.input.UnreadableInputException;
import dev.incidentbot.analysis.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Writes NDJSON logs for the chart's tests: two hours of requests in time order; with a cause planted, from
 * ONSET on version=2.4.1 is five times slower and a third of its requests fail (HTTP 503), everything else
 * unchanged (region is a decoy).
 */
public final class PlantedLog {
    public static final Instant START = Instant.parse("2025-09-12T14:00:00Z");
    public static final Instant ONSET = Instant.parse("2025-09-12T15:00:00Z");
    public static final long SPAN_MS = 2 * 3_600_000L;

    private PlantedLog() {
    }

    /** rows requests; planted: whether version=2.4.1 goes bad at ONSET. */
    public static Path write(Path dir, int rows, boolean planted) throws IOException {
        Random rnd = new Random(planted ? 21 : 22);
        String[] versions = {"2.4.0", "2.4.1"};
        String[] regions = {"eu-west-1", "us-east-1", "ap-south-1"};
        StringBuilder sb = new StringBuilder(rows * 120);
        for (int r = 0; r < rows; r++) {
            long t = START.toEpochMilli() + (long) r * SPAN_MS / rows + rnd.nextInt(300);
            String v = versions[rnd.nextInt(2)];
            boolean bad = planted && t >= ONSET.toEpochMilli() && v.equals("2.4.1");
            int ms = (int) Math.round((bad ? 500 : 100) * Math.exp(rnd.nextGaussian() * 0.3));
            int status = bad ? (rnd.nextInt(3) == 0 ? 503 : 200) : (rnd.nextInt(200) == 0 ? 500 : 200);
            sb.append("{\"timestamp\": \"").append(Instant.ofEpochMilli(t)).append("\", \"version\": \"").append(v)
                    .append("\", \"region\": \"").append(regions[rnd.nextInt(3)]).append("\", \"latencyMs\": ")
                    .append(ms).append(", \"status\": ").append(status).append("}\n");
        }
        Path file = dir.resolve(planted ? "planted.ndjson" : "steady.ndjson");
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }

    /** The analysis with the chart's series asked for. */
    public static Report analyze(Path file) throws UnreadableInputException {
        return new LogAnalyzer(AnalyzeOptions.defaults().withSeries(true)).analyze(file);
    }
}
