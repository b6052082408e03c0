package dev.incidentbot.analysis.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splitting a file into chunks parsed on several threads gives exactly what one sequential pass gives. */
class ParallelParseTest {
    @TempDir
    Path dir;

    /** 5,000 lines: values first met late, missing dimensions, a bad line now and then, repaired lines. */
    private Path log() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            if (i % 997 == 0) {
                sb.append("not json at all\n");
            }
            if (i % 1301 == 0) {
                sb.append("{\"ts\":\"garbage\",\"ms\":1}\n");
            }
            sb.append("{\"ts\":").append(1_754_071_200L + i / 10).append(",\"ms\":").append(i % 700);
            sb.append(i % 450 == 0 ? " " : ",").append("\"status\":\"").append(i % 37 == 0 ? "ERROR" : "OK").append('"');
            if (i % 11 != 0) {
                sb.append(",\"pod\":\"p").append(i < 2500 ? i % 3 : i % 40).append('"');
            }
            sb.append(",\"zone\":\"z").append(i % 5).append("\"}\n");
        }
        Path f = dir.resolve("log.ndjson");
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        return f;
    }

    private static FieldRoles roles(String time) {
        return new FieldRoles(time, "ms", 1000, "ms", "status", List.of(), List.of("pod", "zone"), Map.of());
    }

    private static ByteDict[] seeds() {
        ByteDict pods = new ByteDict();
        byte[] p1 = "p1".getBytes(StandardCharsets.UTF_8);
        pods.code(p1, 0, p1.length);
        return new ByteDict[] {pods, new ByteDict()};
    }

    private static InputReader.Parsed sequential(Path f, FieldRoles roles, int cap) throws Exception {
        ByteDict[] seeds = seeds();
        RowStore store = new RowStore(roles, seeds, 100, cap);
        ColumnBuilder b = new ColumnBuilder(roles, seeds, 64).flushingTo(store, 333);
        JsonReader.read(ByteWindow.of(Files.readAllBytes(f)), b);
        store.append(b);
        return store.finish("t", "ndjson");
    }

    private static InputReader.Parsed parallel(Path f, FieldRoles roles, int cap, int threads, long chunk)
            throws Exception {
        ByteDict[] seeds = seeds();
        RowStore store = new RowStore(roles, seeds, 100, cap);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ParallelParse.run(ch, ch.size(), roles, seeds, 40, store, threads, chunk, () -> { }, () -> { }, null);
        }
        return store.finish("t", "ndjson");
    }

    private static void assertSame(InputReader.Parsed a, InputReader.Parsed b) {
        Columns x = a.columns();
        Columns y = b.columns();
        assertThat(y.n()).isEqualTo(x.n());
        assertThat(y.stride()).isEqualTo(x.stride());
        assertThat(Arrays.copyOf(y.time(), y.n())).isEqualTo(Arrays.copyOf(x.time(), x.n()));
        assertThat(Arrays.copyOf(y.latency(), y.n())).isEqualTo(Arrays.copyOf(x.latency(), x.n()));
        assertThat(Arrays.copyOf(y.outcome(), y.n())).isEqualTo(Arrays.copyOf(x.outcome(), x.n()));
        for (int d = 0; d < x.dims().length; d++) {
            assertThat(Arrays.copyOf(y.dims()[d], y.n())).isEqualTo(Arrays.copyOf(x.dims()[d], x.n()));
            assertThat(y.dimValues()[d]).isEqualTo(x.dimValues()[d]);
        }
        assertThat(b.summary()).isEqualTo(a.summary());
        assertThat(List.copyOf(b.summary().skipReasons().keySet()))
                .isEqualTo(List.copyOf(a.summary().skipReasons().keySet()));
    }

    @Test
    void chunksOnSeveralThreadsGiveTheSequentialColumns() throws Exception {
        Path f = log();
        InputReader.Parsed seq = sequential(f, roles("ts"), 100_000);
        assertThat(seq.columns().n()).isEqualTo(5000);
        assertThat(seq.summary().skipped()).isGreaterThan(0);
        assertThat(seq.summary().repaired()).isGreaterThan(0);
        assertThat(seq.columns().dimValues()[0]).startsWith("p1", "(none)", "p2", "p0"); // the seed's value first
        for (long chunk : new long[] {1, 4096, 10_000, 1 << 20}) {
            for (int threads : new int[] {1, 2, 3}) {
                assertSame(seq, parallel(f, roles("ts"), 100_000, threads, chunk));
            }
        }
    }

    @Test
    void pastTheRowCapBothKeepTheSameSystematicSample() throws Exception {
        Path f = log();
        InputReader.Parsed seq = sequential(f, roles("ts"), 1024);
        assertThat(seq.columns().stride()).isEqualTo(8);
        assertThat(seq.summary().records()).isEqualTo(5000);
        assertSame(seq, parallel(f, roles("ts"), 1024, 2, 4096));
    }

    @Test
    void withoutTimestampsRecordsAreNumberedAcrossChunks() throws Exception {
        Path f = log();
        InputReader.Parsed seq = sequential(f, roles(null), 100_000);
        Columns c = seq.columns();
        for (int r = 0; r < c.n(); r++) {
            assertThat(c.time()[r]).isEqualTo(r);
        }
        assertSame(seq, parallel(f, roles(null), 100_000, 2, 4096));
    }
}
