package dev.incidentbot.analysis.input;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The first records of the input as Strings, enough to decide which field plays which role. */
final class Sample implements FieldSink {
    /** Values of one field across the sampled records, with the JSON kind of each. */
    static final class Column {
        final List<String> values = new ArrayList<>();
        final List<Integer> kinds = new ArrayList<>();
    }

    final Map<String, Column> columns = new LinkedHashMap<>();
    private final int max;
    int records;
    int skipped;
    private final List<Object[]> current = new ArrayList<>();

    Sample(int max) {
        this.max = max;
    }

    @Override
    public void begin() {
        current.clear();
    }

    @Override
    public void field(byte[] kb, int ks, int ke, byte[] vb, int vs, int ve, int kind) {
        current.add(new Object[] {new String(kb, ks, ke - ks, StandardCharsets.UTF_8),
            new String(vb, vs, ve - vs, StandardCharsets.UTF_8), kind});
    }

    @Override
    public boolean end() {
        if (current.isEmpty()) {
            return records < max;
        }
        for (Object[] f : current) {
            Column c = columns.computeIfAbsent((String) f[0], k -> new Column());
            c.values.add((String) f[1]);
            c.kinds.add((Integer) f[2]);
        }
        current.clear();
        records++;
        return records < max;
    }

    @Override
    public void skip(String reason) {
        skipped++;
    }

    @Override
    public void repaired(String reason) {
    }
}
