package dev.incidentbot.analysis.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tolerant JSON reader recovers what strict parsers reject, and names nested fields by dotted path. */
class JsonReaderTest {

    /** Collects records as maps, plus skip and repair reasons. */
    static final class Collect implements FieldSink {
        final List<Map<String, String>> records = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        final List<String> repaired = new ArrayList<>();
        private Map<String, String> cur;

        @Override
        public void begin() {
            cur = new LinkedHashMap<>();
        }

        @Override
        public void field(byte[] kb, int ks, int ke, byte[] vb, int vs, int ve, int kind) {
            cur.put(new String(kb, ks, ke - ks, StandardCharsets.UTF_8),
                    new String(vb, vs, ve - vs, StandardCharsets.UTF_8));
        }

        @Override
        public boolean end() {
            records.add(cur);
            return true;
        }

        @Override
        public void skip(String reason) {
            skipped.add(reason);
        }

        @Override
        public void repaired(String reason) {
            repaired.add(reason);
        }
    }

    private static Collect read(String text) throws Exception {
        Collect c = new Collect();
        JsonReader.read(ByteWindow.of(text.getBytes(StandardCharsets.UTF_8)), c);
        return c;
    }

    @Test
    void missingCommaBetweenObjectsAndObjectsBrokenAcrossLines() throws Exception {
        Collect c = read("[\n {\"a\": 1},\n {\"a\": 2}\n {\"a\":\n 3, \"b\": \"x\"}\n]");
        assertThat(c.records).extracting(m -> m.get("a")).containsExactly("1", "2", "3");
        assertThat(c.repaired).containsExactly("missing comma between objects");
        assertThat(c.skipped).isEmpty();
    }

    @Test
    void nestedObjectsByDottedPathArraysSkippedEscapesDecoded() throws Exception {
        Collect c = read("{\"kubernetes\": {\"pod\": \"api-1\", \"labels\": {\"app\": \"x\"}}, \"tags\": [1, {\"k\": 2}],"
                + " \"msg\": \"say \\\"hi\\\"\", \"after\": true}");
        assertThat(c.records).hasSize(1);
        assertThat(c.records.get(0)).containsEntry("kubernetes.pod", "api-1")
                .containsEntry("kubernetes.labels.app", "x").containsEntry("msg", "say \"hi\"")
                .containsEntry("after", "true").doesNotContainKey("tags");
    }

    @Test
    void missingCommaBetweenFieldsIsRepaired() throws Exception {
        Collect c = read("{\"a\": 1 \"b\": 2}\n");
        assertThat(c.records.get(0)).containsEntry("a", "1").containsEntry("b", "2");
        assertThat(c.repaired).containsExactly("missing comma between fields");
    }

    @Test
    void recordsAcrossTheRefillBoundaryOfAStream() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            sb.append("{\"i\": ").append(i).append(", \"pad\": \"").append("x".repeat(i % 40)).append("\"}\n");
        }
        Collect c = new Collect();
        JsonReader.read(ByteWindow.of(new java.io.ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8))),
                c);
        assertThat(c.records).hasSize(50_000);
        assertThat(c.records.get(49_999)).containsEntry("i", "49999");
        assertThat(c.skipped).isEmpty();
    }
}
