package dev.incidentbot.analysis.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Records read through a learnt line shape land in the columns exactly as FlatJson puts them there. */
class LineShapeTest {
    private static final FieldRoles ROLES = new FieldRoles("ts", "ms", 1000, "ms", "status", List.of(),
            List.of("pod", "region"), Map.of());

    private static ColumnBuilder read(String log, boolean shapes, int window) throws Exception {
        ColumnBuilder b = new ColumnBuilder(ROLES, new ByteDict[] {new ByteDict(), new ByteDict()}, 16);
        if (!shapes) {
            b.withoutShapes();
        }
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        java.io.InputStream in = new java.io.ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, window)); // records cut at window ends
            }

            @Override
            public synchronized int available() {
                return 0;
            }
        };
        JsonReader.read(window >= bytes.length ? ByteWindow.of(bytes) : ByteWindow.of(in), b);
        return b;
    }

    private static void assertSameColumns(ColumnBuilder a, ColumnBuilder b) {
        assertThat(a.n).isEqualTo(b.n);
        assertThat(a.records).isEqualTo(b.records);
        assertThat(a.skipReasons).isEqualTo(b.skipReasons);
        assertThat(a.repairReasons).isEqualTo(b.repairReasons);
        for (int r = 0; r < a.n; r++) {
            assertThat(a.time[r]).as("time of row %d", r).isEqualTo(b.time[r]);
            assertThat(a.latency[r]).as("latency of row %d", r).isEqualTo(b.latency[r]);
            assertThat(a.outcome[r]).as("outcome of row %d", r).isEqualTo(b.outcome[r]);
            for (int d = 0; d < a.dims.length; d++) {
                assertThat(a.dicts[d].string(a.dims[d][r])).as("dimension %d of row %d", d, r)
                        .isEqualTo(b.dicts[d].string(b.dims[d][r]));
            }
        }
        assertThat(a.failureValues()).isEqualTo(b.failureValues());
    }

    @Test
    void oddRecordsAmongSameShapedOnesReadAsWithoutShapes() throws Exception {
        String log = """
                {"ts":"2025-08-01T18:05:00Z","pod":"a","ms":5,"status":"OK","region":"eu"}
                {"ts":"2025-08-01T18:05:00Z","pod":"bb","ms":61,"status":"OK","region":"us"}
                {"ts":"2025-08-01T18:05:01Z","pod":"a","ms":"7ms","status":"OK","region":"eu"}
                {"ts":"2025-08-01T18:05:01Z","pod":"a\\"q","ms":8,"status":"ERROR","region":"eu"}
                {"ts":"2025-08-01T18:05:02Z","pod":null,"ms":9,"status":"OK","region":"eu"}
                {"ts":"2025-08-01T18:05:02Z","pod":"c","ms":null,"status":"Timeout","region":"eu"}
                {"ts":"2025-08-01T18:05:03Z","pod":"c","ms":10,"status":"OK","region":"eu","extra":{"x":1}}
                {"ts":"2025-08-01T18:05:03Z", "pod":"c","ms":11,"status":"OK","region":"eu"}
                {"ts":"2025-08-01T18:05:04Z","pod":"c","ms":12.5,"status":"OK","region":"eu"}
                {"ts":"2025-08-01T18:05:04Z","pod":"c","ms":1e3,"status":"OK","region":"eu"}
                {"ts":"2025-08-01T18:05:05Z","pod":"c","ms":2147483647,"status":"OK","region":"eu"}
                {"ts":"2025-08-01T18:05:05Z","pod":"c","ms":true,"status":"OK","region":"eu"}
                {"ts":"2025-08-01T18:05:06Z","pod":"c","ms":13,"status":"OK","region":"eu",}
                {"ts":"2025-08-01T18:05:06Z","pod":"","ms":14,"status":"","region":"eu"}
                {"ts":"2025-08-01T18:05:07Z","pod":"c","ms":15,"status":"OK"}
                {"ts":"2025-08-01T18:05:07Z","pod":"c","ms":,"status":"OK","region":"eu"}
                {"ts":"2025-08-01T18:05:08Z","pod":"c","ms":16,"status":"OK","region":"eu"}
                {}
                {"other":"x"}
                {"ts":"2025-08-01T18:05:08Z","pod":"d","ms":17,"status":"OK","region":"eu"}
                {"ts":"2025-08-01T18:05:09Z","pod":"d","ms":18 ,"status":"OK","region":"eu"}
                {"ts":"2025-08-01T18:05:09Z","pod":"d","ms":19,"status":"OK","region":"eu"}
                """;
        for (int window : new int[] {1 << 20, 64, 97}) {
            ColumnBuilder with = read(log, true, window);
            ColumnBuilder without = read(log, false, window);
            assertSameColumns(with, without);
        }
        ColumnBuilder b = read(log, true, 1 << 20);
        assertThat(b.latency[1]).isEqualTo(61_000);
        assertThat(b.latency[10]).isEqualTo(Integer.MAX_VALUE - 1);
    }

    @Test
    void randomMixOfShapesReadsAsWithoutShapes() throws Exception {
        Random rnd = new Random(7);
        String[] pods = {"a", "bb", "ccc-ddd-eee", "pod-with-a-long-name-0123456789", "é", "x\\\\y", "q\\\"z"};
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            String pod = pods[rnd.nextInt(pods.length)];
            String ms = switch (rnd.nextInt(12)) {
                case 0 -> "\"" + rnd.nextInt(100) + "ms\"";
                case 1 -> "null";
                case 2 -> rnd.nextInt(1000) + "." + rnd.nextInt(10);
                default -> String.valueOf(rnd.nextInt(5000));
            };
            String sp = rnd.nextInt(20) == 0 ? " " : "";
            String ts = "2025-08-01T18:" + (10 + i / 600) + ":" + (10 + i % 50) + "Z";
            if (rnd.nextInt(15) == 0) {
                log.append("{\"region\":\"us\",\"ts\":\"").append(ts).append("\",\"ms\":").append(ms).append("}\n");
            } else {
                log.append("{\"ts\":\"").append(ts).append("\",\"pod\":\"").append(pod).append("\",").append(sp)
                        .append("\"ms\":").append(ms).append(",\"status\":\"").append(rnd.nextInt(9) == 0 ? "503" : "OK")
                        .append("\",\"region\":\"eu\"}\n");
            }
        }
        for (int window : new int[] {1 << 22, 1000, 4099}) {
            ColumnBuilder with = read(log.toString(), true, window);
            assertSameColumns(with, read(log.toString(), false, window));
            assertThat(with.flatRecords).as("records FlatJson read").isLessThan(1500); // most went through the shape
        }
    }

    @Test
    void quoteOrEscapeFindsTheFirstQuoteOrBackslash() {
        Random rnd = new Random(3);
        for (int t = 0; t < 20_000; t++) {
            byte[] b = new byte[1 + rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                int c = rnd.nextInt(12);
                b[i] = (byte) (c == 0 ? '"' : c == 1 ? '\\' : c == 2 ? 0x21 : c == 3 ? 0x01 : c == 4 ? 0xa2 : 'a' + c);
            }
            int p = rnd.nextInt(b.length);
            int lim = p + rnd.nextInt(b.length - p + 1);
            int want = p;
            while (want < lim && b[want] != '"' && b[want] != '\\') {
                want++;
            }
            assertThat(Bytes.quoteOrEscape(b, p, lim)).isEqualTo(want);
        }
    }
}
