package dev.incidentbot.analysis.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Columns stay bounded: past the row cap a systematic sample is kept and every record is still counted. */
class ColumnBuilderTest {

    private static void put(FieldSink sink, String k, String v, int kind) {
        byte[] kb = k.getBytes(StandardCharsets.UTF_8);
        byte[] vb = v.getBytes(StandardCharsets.UTF_8);
        sink.field(kb, 0, kb.length, vb, 0, vb.length, kind);
    }

    @Test
    void thinsToEveryNthRowPastTheCap() throws Exception {
        FieldRoles roles = new FieldRoles("ts", "ms", 1000, "ms", "status", List.of(), List.of("pod"), Map.of());
        ByteDict[] seeds = {new ByteDict()};
        RowStore store = new RowStore(roles, seeds, 256, 1024);
        ColumnBuilder b = new ColumnBuilder(roles, seeds, 100).flushingTo(store, 100);
        for (int i = 0; i < 10_000; i++) {
            b.begin();
            put(b, "ts", String.valueOf(1_754_071_200L + i), FieldSink.NUMBER);
            put(b, "ms", String.valueOf(i), FieldSink.NUMBER);
            put(b, "status", "OK", FieldSink.STRING);
            put(b, "pod", "p" + (i % 3), FieldSink.STRING);
            b.end();
        }
        store.append(b);
        var parsed = store.finish("t", "ndjson");
        assertThat(parsed.summary().records()).isEqualTo(10_000);
        assertThat(store.rows()).isLessThanOrEqualTo(1024);
        assertThat(store.stride()).isEqualTo(16);
        var c = parsed.columns();
        for (int r = 0; r < c.n(); r++) {
            assertThat(c.latency()[r]).isEqualTo(r * c.stride() * 1000); // microseconds of record r * stride
        }
        assertThat(c.dimValues()[0]).containsExactly("p0", "p1", "p2"); // in order of first appearance
        assertThat(b.dicts[0].size()).isEqualTo(3); // values not in the (empty) seed are builder-local
    }

    @Test
    void missingTimestampsAreSkippedWithAReason() {
        FieldRoles roles = new FieldRoles("ts", "ms", 1000, "ms", null, List.of(), List.of(), Map.of());
        ColumnBuilder b = new ColumnBuilder(roles, new ByteDict[0], 16);
        b.begin();
        put(b, "ts", "not a time", FieldSink.STRING);
        put(b, "ms", "12", FieldSink.NUMBER);
        b.end();
        b.begin();
        put(b, "ts", "2025-08-01T18:06:00Z", FieldSink.STRING);
        put(b, "ms", "fast", FieldSink.STRING);
        b.end();
        assertThat(b.records).isZero();
        assertThat(b.skipReasons).containsEntry("missing or unreadable timestamp", 1L)
                .containsEntry("neither a latency nor an outcome", 1L);
    }

    @Test
    void fieldsInAChangingOrderWithLookalikeKeysStillLandInTheirColumns() throws Exception {
        FieldRoles roles = new FieldRoles("ts", "ms", 1000, "ms", "status", List.of(), List.of("pod"), Map.of());
        ColumnBuilder b = new ColumnBuilder(roles, new ByteDict[] {new ByteDict()}, 16);
        String log = """
                {"ts":1754071200,"pod":"a","ms":5,"status":"OK"}
                {"ts":1754071201,"pod":"b","ms":6,"status":"OK"}
                {"ms":7,"ts":1754071202,"statusCode":"x","status":"ERROR","pod":"c"}
                {"ts":1754071203,"podName":"zz","pod":"d","m":99,"ms":8,"status":"OK"}
                {"ts":1754071204,"pod":"e","ms":9,"status":"OK"}
                """;
        JsonReader.read(ByteWindow.of(log.getBytes(StandardCharsets.UTF_8)), b);
        assertThat(b.n).isEqualTo(5);
        for (int r = 0; r < 5; r++) {
            assertThat(b.latency[r]).isEqualTo((5 + r) * 1000);
            assertThat(b.time[r]).isEqualTo((1_754_071_200L + r) * 1000);
            assertThat(b.dicts[0].string(b.dims[0][r])).isEqualTo(String.valueOf((char) ('a' + r)));
        }
        assertThat(b.outcome[2]).isEqualTo(Values.ERROR);
        assertThat(b.outcome[3]).isNotEqualTo(Values.ERROR);
    }
}
