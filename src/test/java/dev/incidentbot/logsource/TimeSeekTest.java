package dev.incidentbot.logsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TimeSeek's byte range covers every line of the window in a time-ordered file, stays small, and gives up on files out of order. */
class TimeSeekTest {
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    /** One line every 2 s: 64 KB of lines spans far more than the 60 s slack, so a cut short by a probe shows. */
    private static final int LINES = 30_000;
    private static final long STEP_MS = 2_000;

    @TempDir
    Path dir;
    private Path file;
    private final List<Long> starts = new ArrayList<>();

    @BeforeEach
    void sortedFile() throws IOException {
        file = dir.resolve("app.log");
        long offset = 0;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < LINES; i++) {
                String line = T0.plusMillis(i * STEP_MS) + " INFO request " + i + " served in " + (i % 97) + " ms by worker-" + (i % 8) + "\n";
                starts.add(offset);
                offset += line.length();
                w.write(line);
            }
        }
    }

    private long[] range(Window w) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return TimeSeek.range(ch, w);
        }
    }

    private long time(int line) {
        return T0.toEpochMilli() + line * STEP_MS;
    }

    /** The range starts and ends at line starts, holds every line of the window and no more than the slack beyond it. */
    private void assertCovers(long[] r, Window w) {
        assertThat(r).isNotNull();
        List<Long> bounds = new ArrayList<>(starts);
        bounds.add(fileSize());
        assertThat(bounds).contains(r[0], r[1]);
        for (int i = 0; i < LINES; i++) {
            boolean inWindow = w.contains(Instant.ofEpochMilli(time(i)));
            boolean inRange = starts.get(i) >= r[0] && starts.get(i) < r[1];
            if (inWindow) {
                assertThat(inRange).as("line %d (in the window) inside [%d, %d)", i, r[0], r[1]).isTrue();
            }
            if (time(i) < w.from().toEpochMilli() - TimeSeek.SLACK_MS - 64 * 1024 / 40 * STEP_MS
                    || time(i) > w.to().toEpochMilli() + TimeSeek.SLACK_MS + 64 * 1024 / 40 * STEP_MS) {
                assertThat(inRange).as("line %d far outside the window", i).isFalse();
            }
        }
    }

    private long fileSize() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void windowInTheMiddleIsCoveredAndSmall() throws IOException {
        Window w = new Window(Instant.ofEpochMilli(time(12_000) + 500), Instant.ofEpochMilli(time(12_600) + 500));
        long[] r = range(w);
        assertCovers(r, w);
        assertThat(r[1] - r[0]).isLessThan(fileSize() / 10);
    }

    @Test
    void windowReachingPastTheLastLineEndsAtTheEndOfTheFile() throws IOException {
        Window w = new Window(Instant.ofEpochMilli(time(LINES - 300)), Instant.ofEpochMilli(time(LINES - 1) + 3_600_000));
        long[] r = range(w);
        assertCovers(r, w);
        assertThat(r[1]).isEqualTo(fileSize());
    }

    @Test
    void windowBeforeTheFirstLineStartsAtZero() throws IOException {
        Window w = new Window(T0.minusSeconds(7200), T0.plusSeconds(30));
        long[] r = range(w);
        assertCovers(r, w);
        assertThat(r[0]).isZero();
        assertThat(r[1]).isLessThan(fileSize() / 10);
    }

    @Test
    void windowAfterTheEndIsAnEmptyRange() throws IOException {
        Instant after = Instant.ofEpochMilli(time(LINES - 1)).plusSeconds(3600);
        long[] r = range(new Window(after, after.plusSeconds(600)));
        assertThat(r).isNotNull();
        assertThat(r[1] - r[0]).isZero();
    }

    @Test
    void windowBetweenTwoLinesIsAnAlmostEmptyRange() throws IOException {
        Window w = new Window(Instant.ofEpochMilli(time(5000) + 100), Instant.ofEpochMilli(time(5000) + 900));
        long[] r = range(w);
        assertCovers(r, w);
        assertThat(r[1] - r[0]).as("only the slack's lines").isLessThan(100 * 100);
    }

    @Test
    void outOfOrderProbesMeanReadTheWholeFile() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        Collections.shuffle(lines, new Random(3));
        Files.write(file, lines);
        assertThat(range(new Window(Instant.ofEpochMilli(time(100)), Instant.ofEpochMilli(time(200))))).isNull();
    }

    @Test
    void aFileWithoutTimesIsReadWhole() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            lines.add("request " + i + " served without a stamp");
        }
        Files.write(file, lines);
        assertThat(range(new Window(T0, T0.plusSeconds(60)))).isNull();
    }
}
