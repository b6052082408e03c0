package dev.incidentbot.logsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileLogSource reads a window's lines from real files (rotated, gzip, unsorted, CSV, huge) exactly as a brute-force filter of them would. */
class FileLogSourceTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir
    Path dir;

    private static FileLogSource source(String glob) {
        return new FileLogSource(new SourceSpec("api", SourceType.FILE, null, null, glob, null, null, null, null, null,
                null, null, null, null, null, 0));
    }

    private static Window window(int fromMinute, int toMinute) {
        return new Window(T0.plusSeconds(60L * fromMinute), T0.plusSeconds(60L * toMinute));
    }

    private record Read(Fetched fetched, String text) {
        List<String> lines() {
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
        }
    }

    private Read read(String glob, Window w) throws LogSourceException {
        return read(glob, w, Limits.defaults());
    }

    private Read read(String glob, Window w, Limits limits) throws LogSourceException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fetched f = source(glob).fetch(w, Map.of(), limits, out);
        assertThat(f.bytes()).isEqualTo(out.size());
        return new Read(f, out.toString(StandardCharsets.UTF_8));
    }

    private static String ndjson(Instant t, int i) {
        return "{\"ts\":\"" + t + "\",\"level\":\"INFO\",\"msg\":\"request " + i + "\",\"latency_ms\":" + (i % 250) + "}";
    }

    /** Lines one a minute from {@code fromMinute}, inclusive, to {@code toMinute}, exclusive. */
    private static List<String> minutes(int fromMinute, int toMinute) {
        List<String> lines = new ArrayList<>();
        for (int m = fromMinute; m < toMinute; m++) {
            lines.add(ndjson(T0.plusSeconds(60L * m), m));
        }
        return lines;
    }

    private static void write(Path p, List<String> lines, Instant mtime) throws IOException {
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        if (p.getFileName().toString().endsWith(".gz")) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
                o.write(text);
            }
        } else {
            Files.write(p, text);
        }
        Files.setLastModifiedTime(p, FileTime.from(mtime));
    }

    /** What a whole scan with java.time-free LineTime keeps: lines in the window and lines without a time. */
    private static List<String> bruteForce(List<String> lines, Window w) {
        List<String> kept = new ArrayList<>();
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            long t = LineTime.of(b, 0, b.length);
            if (t == LineTime.NONE || w.contains(Instant.ofEpochMilli(t))) {
                kept.add(l);
            }
        }
        return kept;
    }

    // --- rotated sets and what is skipped -------------------------------------------------------------------

    @Test
    void rotatedSetIsReadOldestFirstWithGzipDecompressedAndStaleFilesSkipped() throws Exception {
        write(dir.resolve("api.ndjson"), minutes(20, 30), T0.plusSeconds(30 * 60));
        write(dir.resolve("api.ndjson.1"), minutes(10, 20), T0.plusSeconds(20 * 60));
        write(dir.resolve("api.ndjson.2.gz"), minutes(0, 10), T0.plusSeconds(10 * 60));
        // last written before the window, though its lines claim to be inside it: skipped by its mtime alone
        write(dir.resolve("api.ndjson.3.gz"), List.of(ndjson(T0.plusSeconds(6 * 60 + 1), 999)), T0.plusSeconds(4 * 60));
        write(dir.resolve("other.log"), minutes(0, 30), T0.plusSeconds(30 * 60));

        Read r = read(dir + "/api.ndjson*", window(5, 25));

        List<String> expected = new ArrayList<>(minutes(5, 26));
        assertThat(r.lines()).containsExactlyElementsOf(expected);
        assertThat(r.fetched().records()).isEqualTo(21);
        assertThat(r.fetched().capped()).isFalse();
        assertThat(r.fetched().detail()).isEqualTo("3 file(s), 1 gzip");
    }

    @Test
    void globMatchingNothingSaysSo() throws Exception {
        write(dir.resolve("api.ndjson"), minutes(0, 5), T0.plusSeconds(300));
        assertThatThrownBy(() -> read(dir + "/web*.log", window(0, 10)))
                .isInstanceOf(LogSourceException.class).hasMessage("no file matches " + dir + "/web*.log");
    }

    @Test
    void missingFolderSaysSo() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> read(missing + "/*.log", window(0, 10)))
                .isInstanceOf(LogSourceException.class).hasMessage("no folder " + missing + " for " + missing + "/*.log");
    }

    @Test
    void noLineInTheWindowSaysNothingInTheWindow() throws Exception {
        write(dir.resolve("api.ndjson"), minutes(0, 5), T0.plusSeconds(3600));
        assertThatThrownBy(() -> read(dir + "/api.ndjson", window(30, 40)))
                .isInstanceOf(LogSourceException.class).hasMessageStartingWith("nothing in the window");
    }

    @Test
    void onlyFilesWrittenBeforeTheWindowSaysNothingInTheWindow() throws Exception {
        write(dir.resolve("api.ndjson"), minutes(0, 5), T0.plusSeconds(300));
        assertThatThrownBy(() -> read(dir + "/api.ndjson", window(30, 40)))
                .isInstanceOf(LogSourceException.class)
                .hasMessage("nothing in the window: the 1 file(s) matching " + dir + "/api.ndjson were last written before it");
    }

    @Test
    void relativeGlobIsReadFromTheWorkingDirectory() throws Exception {
        write(dir.resolve("api.ndjson"), minutes(0, 5), T0.plusSeconds(300));
        String relative = Path.of("").toAbsolutePath().relativize(dir) + "/api.ndjson*";
        assertThat(Path.of(relative).isAbsolute()).isFalse();

        assertThat(read(relative, window(0, 10)).lines()).containsExactlyElementsOf(minutes(0, 5));
    }

    @Test
    void doubleStarGlobReachesFilesInDeeperFolders() throws Exception {
        Files.createDirectories(dir.resolve("a/b/c"));
        write(dir.resolve("a/b/c/api.log"), minutes(0, 5), T0.plusSeconds(300));
        write(dir.resolve("a/web.log"), minutes(5, 10), T0.plusSeconds(600));

        assertThat(read(dir + "/**.log", window(0, 10)).lines()).containsExactlyElementsOf(minutes(0, 10));
    }

    // --- what is filtered and what is not ------------------------------------------------------------------

    @Test
    void unsortedFileKeepsTheWindowsLinesAndUntimedLinesInTheirOrder() throws Exception {
        List<String> lines = new ArrayList<>(minutes(0, 60));
        Collections.shuffle(lines, new Random(7));
        lines.add(10, "    at dev.incidentbot.Worker.run(Worker.java:42)");
        lines.add(30, "Caused by: java.io.IOException: reset");
        write(dir.resolve("app.log"), lines, T0.plusSeconds(3600));

        Window w = window(20, 30);
        Read r = read(dir + "/app.log", w);

        assertThat(r.lines()).containsExactlyElementsOf(bruteForce(lines, w));
        assertThat(r.lines()).hasSize(11 + 2).contains("Caused by: java.io.IOException: reset");
    }

    @Test
    void prettyPrintedJsonArrayIsCopiedWhole() throws Exception {
        StringBuilder json = new StringBuilder("[\n");
        for (int m = 0; m < 30; m++) {
            json.append("  {\n    \"ts\": \"").append(T0.plusSeconds(60L * m)).append("\",\n    \"status\": 200,\n")
                    .append("    \"latency_ms\": ").append(m).append("\n  }").append(m < 29 ? "," : "").append('\n');
        }
        json.append("]\n");
        Path p = dir.resolve("export.json");
        Files.writeString(p, json);
        Files.setLastModifiedTime(p, FileTime.from(T0.plusSeconds(3600)));

        Read r = read(dir + "/export.json", window(10, 12));

        assertThat(r.text()).isEqualTo(json.toString());
    }

    // --- large files entered by binary search ---------------------------------------------------------------

    /** time,service,status,latency_ms: one row every 50 ms from T0, about 5 MB. */
    private List<String> csv(Path p) throws IOException {
        List<String> rows = new ArrayList<>();
        rows.add("time,service,status,latency_ms");
        for (int i = 0; i < 120_000; i++) {
            rows.add(T0.plusMillis(50L * i + 1) + ",checkout," + (i % 53 == 0 ? 500 : 200) + "," + (i % 700));
        }
        write(p, rows, T0.plusSeconds(7200));
        assertThat(Files.size(p)).isGreaterThanOrEqualTo(FileLogSource.SEEK_FROM_BYTES);
        return rows;
    }

    @Test
    void largeTimeOrderedCsvIsEnteredAtTheWindowWithItsHeader() throws Exception {
        Path p = dir.resolve("latency.csv");
        List<String> rows = csv(p);
        Window w = new Window(T0.plusMillis(2_000_123), T0.plusMillis(2_300_000));

        Read r = read(p.toString(), w);

        assertThat(r.fetched().detail()).isEqualTo("1 file(s), 1 entered at the window");
        assertThat(r.lines()).containsExactlyElementsOf(bruteForce(rows, w));
        assertThat(r.lines().get(0)).isEqualTo("time,service,status,latency_ms");
        assertThat(r.fetched().records()).isEqualTo(r.lines().size() - 1).isBetween(5990L, 6000L);
    }

    @Test
    void largeCsvWithAWindowFromBeforeItsFirstRowHasItsHeaderOnce() throws Exception {
        Path p = dir.resolve("latency.csv");
        List<String> rows = csv(p);
        Window w = new Window(T0.minusSeconds(3600), T0.plusSeconds(60));

        Read r = read(p.toString(), w);

        assertThat(r.fetched().detail()).endsWith("1 entered at the window");
        assertThat(r.lines()).containsExactlyElementsOf(bruteForce(rows, w));
        assertThat(r.lines()).filteredOn(l -> l.startsWith("time,")).hasSize(1);
    }

    @Test
    void largeNdjsonWithAWindowAtTheEndReadsOnlyItsTail() throws Exception {
        Path p = dir.resolve("api.ndjson");
        List<String> lines = new ArrayList<>();
        try (Writer wr = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 400_000; i++) { // ~50 MB, one line every 10 ms
                String l = "{\"ts\":\"" + T0.plusMillis(10L * i + 3) + "\",\"level\":\"" + (i % 97 == 0 ? "ERROR" : "INFO")
                        + "\",\"route\":\"/api/v1/orders\",\"msg\":\"request " + i + " served\",\"latency_ms\":" + (i % 613) + "}";
                wr.write(l);
                wr.write('\n');
                if (i >= 350_000) {
                    lines.add(l); // the brute force needs only the part near the window: earlier lines are older
                }
            }
        }
        Files.setLastModifiedTime(p, FileTime.from(T0.plusSeconds(4001)));
        assertThat(Files.size(p)).isBetween(40L << 20, 80L << 20);
        Instant last = T0.plusMillis(10L * 399_999 + 3);
        Window w = new Window(last.minus(Duration.ofMinutes(5)), last.plusSeconds(30));

        Read r = read(p.toString(), w);

        assertThat(r.fetched().detail()).isEqualTo("1 file(s), 1 entered at the window");
        assertThat(r.lines()).containsExactlyElementsOf(bruteForce(lines, w));
        assertThat(r.lines()).hasSize(30_001).last().isEqualTo(lines.get(lines.size() - 1));
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long[] range = TimeSeek.range(ch, w);
            assertThat(range[1]).isEqualTo(ch.size());
            assertThat(range[1] - range[0]).as("bytes read from the file").isLessThan(ch.size() / 10);
        }
    }

    // --- odd lines ------------------------------------------------------------------------------------------

    @Test
    void hugeLineIsPassedThroughIntact() throws Exception {
        String huge = "{\"ts\":\"" + T0.plusSeconds(61) + "\",\"blob\":\"" + "x".repeat(9 << 20) + "\"}";
        List<String> lines = List.of(ndjson(T0.plusSeconds(60), 1), huge, ndjson(T0.plusSeconds(62), 2));
        write(dir.resolve("big.ndjson"), lines, T0.plusSeconds(3600));

        Read r = read(dir + "/big.ndjson", window(0, 10));

        assertThat(r.text()).isEqualTo(String.join("\n", lines) + "\n");
        assertThat(r.fetched().records()).isEqualTo(3);
    }

    @Test
    void hugeLastLineWithoutNewlineIsEndedBeforeTheNextFile() throws Exception {
        String huge = "{\"ts\":\"" + T0.plusSeconds(61) + "\",\"blob\":\"" + "y".repeat(9 << 20) + "\"}";
        Path first = dir.resolve("api.ndjson.1");
        Files.writeString(first, ndjson(T0.plusSeconds(60), 1) + "\n" + huge);
        Files.setLastModifiedTime(first, FileTime.from(T0.plusSeconds(120)));
        write(dir.resolve("api.ndjson"), List.of(ndjson(T0.plusSeconds(180), 3)), T0.plusSeconds(240));

        Read r = read(dir + "/api.ndjson*", window(0, 10));

        assertThat(r.lines()).containsExactly(ndjson(T0.plusSeconds(60), 1), huge, ndjson(T0.plusSeconds(180), 3));
        assertThat(r.fetched().records()).isEqualTo(3);
    }

    @Test
    void crlfLinesAndALastLineWithoutNewline() throws Exception {
        String text = ndjson(T0.plusSeconds(60), 1) + "\r\n" + ndjson(T0.plusSeconds(3000), 2) + "\r\n"
                + ndjson(T0.plusSeconds(120), 3) + "\r\n" + ndjson(T0.plusSeconds(180), 4);
        Path p = dir.resolve("win.log");
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.from(T0.plusSeconds(3600)));

        Read r = read(p.toString(), window(0, 10));

        assertThat(r.text()).isEqualTo(ndjson(T0.plusSeconds(60), 1) + "\r\n" + ndjson(T0.plusSeconds(120), 3) + "\r\n"
                + ndjson(T0.plusSeconds(180), 4) + "\n");
        assertThat(r.fetched().records()).isEqualTo(3);
    }

    // --- caps -----------------------------------------------------------------------------------------------

    @Test
    void recordCapStopsTheRead() throws Exception {
        write(dir.resolve("api.ndjson.1"), minutes(0, 50), T0.plusSeconds(3000));
        write(dir.resolve("api.ndjson"), minutes(50, 100), T0.plusSeconds(6000));

        Read r = read(dir + "/api.ndjson*", window(0, 100), new Limits(7, 1L << 30, Duration.ofSeconds(1), Duration.ofSeconds(1)));

        assertThat(r.lines()).containsExactlyElementsOf(minutes(0, 7));
        assertThat(r.fetched().records()).isEqualTo(7);
        assertThat(r.fetched().cappedBy()).isEqualTo(String.format("%,d records", 7));
    }

    @Test
    void byteCapStopsTheReadAndSaysHowMuch() throws Exception {
        write(dir.resolve("api.ndjson"), minutes(0, 100), T0.plusSeconds(6000));

        Read r = read(dir + "/api.ndjson", window(0, 100), new Limits(1000, 1000, Duration.ofSeconds(1), Duration.ofSeconds(1)));

        assertThat(r.fetched().bytes()).isLessThanOrEqualTo(1000).isGreaterThan(1000 - 120);
        assertThat(r.lines()).containsExactlyElementsOf(minutes(0, r.lines().size()));
        assertThat(r.fetched().cappedBy()).isEqualTo(String.format("%,d bytes", 1000));
    }

    // --- damaged files --------------------------------------------------------------------------------------

    @Test
    void gzipThatIsNotGzipIsNamedDamaged() throws Exception {
        Path p = dir.resolve("api.ndjson.2.gz");
        Files.writeString(p, ndjson(T0.plusSeconds(60), 1) + "\n");
        Files.setLastModifiedTime(p, FileTime.from(T0.plusSeconds(600)));
        assertDamaged(p);
    }

    @Test
    void truncatedGzipIsNamedDamaged() throws Exception {
        Path p = dir.resolve("api.ndjson.2.gz");
        write(p, minutes(0, 200), T0.plusSeconds(600));
        byte[] whole = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(whole, whole.length / 2));
        Files.setLastModifiedTime(p, FileTime.from(T0.plusSeconds(600)));
        assertDamaged(p);
    }

    private void assertDamaged(Path p) {
        assertThatThrownBy(() -> read(dir + "/api.ndjson*", window(0, 300)))
                .isInstanceOf(LogSourceException.class)
                .hasMessageContaining("api.ndjson.2.gz")
                .hasMessageContaining("damaged")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "Exception", "\tat "));
    }
}
