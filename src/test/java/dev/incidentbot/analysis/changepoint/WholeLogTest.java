package dev.incidentbot.analysis.changepoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.analysis.LogAnalyzer;
import dev.incidentbot.analysis.input.Columns;
import dev.incidentbot.analysis.input.InputOptions;
import dev.incidentbot.analysis.input.InputReader;
import dev.incidentbot.analysis.input.ParseHooks;
import dev.incidentbot.analysis.input.RowFold;
import dev.incidentbot.analysis.render.JsonRenderer;
import dev.incidentbot.analysis.report.Report;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole-log pass folded into a parallel parse gives what the change point's own pass over the columns gives,
 * whether the grid guessed from the file's ends holds or not, and the report is the same as a sequential parse's.
 */
class WholeLogTest {
    /** What LogAnalyzer hands the reader for the fold (the JIT measures left out). */
    private static final ParseHooks FOLD = new ParseHooks() {
        @Override
        public RowFold fold(long lo, long hi) {
            return WholeLog.guess(lo, hi);
        }
    };

    private static final long T0 = 1_754_071_200_000L;

    @TempDir
    Path dir;

    /** About 5 MB of NDJSON (parsed in parallel), pod p2 slow and timing out in the second half. */
    private Path log(boolean outOfOrder) throws Exception {
        return log(outOfOrder, 0);
    }

    /** As log(outOfOrder), the first padded records carrying an unused field that makes them twice as long. */
    private Path log(boolean outOfOrder, int padded) throws Exception {
        Random rnd = new Random(5);
        StringBuilder sb = new StringBuilder();
        int n = 60_000;
        for (int i = 0; i < n; i++) {
            long ts = T0 + i * 200L + rnd.nextInt(150);
            if (outOfOrder && i == 31_000) {
                ts = T0 - 6 * 3_600_000L; // an early record the file's first and last lines do not show
            }
            int pod = rnd.nextInt(4);
            boolean bad = i > n / 2 && pod == 2;
            int ms = (int) ((bad ? 900 : 80) * (0.5 + rnd.nextDouble()));
            String status = bad && rnd.nextInt(8) == 0 ? "timeout" : rnd.nextInt(300) == 0 ? "error" : "ok";
            sb.append("{\"ts\":").append(ts).append(",\"latency_ms\":").append(ms).append(",\"status\":\"")
                    .append(status).append("\",\"pod\":\"p").append(pod).append("\",\"region\":\"r")
                    .append(rnd.nextInt(3)).append("\",\"path\":\"/api/v1/items/").append(rnd.nextInt(5)).append('"');
            sb.append(i < padded ? ",\"note\":\"" + "x".repeat(120) + "\"}\n" : "}\n");
        }
        Path f = dir.resolve((outOfOrder ? "unordered" : "ordered") + padded + ".ndjson");
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        assertThat(Files.size(f)).isBetween(4L << 20, 8L << 20);
        return f;
    }

    private static Columns withoutFold(Columns c) {
        return new Columns(c.n(), c.time(), c.latency(), c.outcome(), c.dims(), c.dimNames(), c.dimValues(),
                c.stride());
    }

    @Test
    void foldedPassEqualsThePassOverTheColumns() throws Exception {
        for (boolean outOfOrder : new boolean[] {false, true}) {
            Columns c = new InputReader(InputOptions.DETECT, FOLD).read(log(outOfOrder)).columns();
            assertThat(c.whole()).as("the parse folded the pass in").isNotNull();
            ChangePoint.Whole folded = ChangePoint.whole(c);
            ChangePoint.Whole own = ChangePoint.whole(withoutFold(c));
            assertThat(folded.min()).isEqualTo(own.min());
            assertThat(folded.max()).isEqualTo(own.max());
            assertThat(folded.bins().slots).isEqualTo(own.bins().slots);
            assertThat(Arrays.copyOf(folded.bins().bin, c.n())).isEqualTo(Arrays.copyOf(own.bins().bin, c.n()));
            ChangePoint.Series a = folded.series();
            ChangePoint.Series b = own.series();
            assertThat(a.starts()).isEqualTo(b.starts());
            assertThat(a.logP95()).isEqualTo(b.logP95());
            assertThat(a.failRate()).isEqualTo(b.failRate());
            assertThat(a.counts()).isEqualTo(b.counts());
            assertThat(a.bucketMs()).isEqualTo(b.bucketMs());
            assertThat(a.starts().length).isGreaterThan(20);
        }
    }

    @Test
    void aStoreSizedShortOfTheRowsGrowsAndKeepsTheFold() throws Exception {
        // the sample (the first records) has twice the bytes per record of the rest: the store starts half as long
        Path f = log(false, 2000);
        Columns c = new InputReader(InputOptions.DETECT, FOLD).read(f).columns();
        assertThat(c.n()).isEqualTo(60_000);
        assertThat(c.whole()).as("the parse folded the pass in").isNotNull();
        ChangePoint.Whole folded = ChangePoint.whole(c);
        ChangePoint.Whole own = ChangePoint.whole(withoutFold(c));
        assertThat(Arrays.copyOf(folded.bins().bin, c.n())).isEqualTo(Arrays.copyOf(own.bins().bin, c.n()));
        assertThat(folded.series().counts()).isEqualTo(own.series().counts());
        assertThat(folded.series().logP95()).isEqualTo(own.series().logP95());
        Report parallel = new LogAnalyzer(null).analyze(f);
        try (InputStream in = Files.newInputStream(f)) {
            assertThat(JsonRenderer.render(parallel))
                    .isEqualTo(JsonRenderer.render(new LogAnalyzer(null).analyze(in, f.toString())));
        }
    }

    @Test
    void reportEqualsTheSequentialParses() throws Exception {
        for (boolean outOfOrder : new boolean[] {false, true}) {
            Path f = log(outOfOrder);
            Report parallel = new LogAnalyzer(null).analyze(f);
            Report sequential;
            try (InputStream in = Files.newInputStream(f)) {
                sequential = new LogAnalyzer(null).analyze(in, f.toString()); // kept in memory: one thread, no fold
            }
            assertThat(parallel.rootCauseAttributes()).containsEntry("pod", "p2");
            assertThat(JsonRenderer.render(parallel)).isEqualTo(JsonRenderer.render(sequential));
        }
    }
}
