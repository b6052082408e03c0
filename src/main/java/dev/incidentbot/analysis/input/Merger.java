package dev.incidentbot.analysis.input;

import dev.incidentbot.analysis.Columns;
import dev.incidentbot.analysis.InputSummary;
import dev.incidentbot.analysis.UnreadableInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Joins the chunks' columns into one Columns, giving chunk-local dictionary codes their global codes. */
final class Merger {
    private Merger() {
    }

    static InputReader.Parsed merge(List<ColumnBuilder> builders, FieldRoles roles, String name, String format)
            throws UnreadableInputException {
        int nd = roles.dimensions().size();
        int stride = 1;
        long records = 0;
        long repaired = 0;
        Map<String, Long> skips = new LinkedHashMap<>();
        Map<String, Long> repairs = new LinkedHashMap<>();
        for (ColumnBuilder b : builders) {
            stride = Math.max(stride, b.stride);
            records += b.records;
            repaired += b.repaired;
            for (var e : b.skipReasons.entrySet()) {
                skips.put(e.getKey(), skips.getOrDefault(e.getKey(), 0L) + e.getValue());
            }
            for (var e : b.repairReasons.entrySet()) {
                repairs.put(e.getKey(), repairs.getOrDefault(e.getKey(), 0L) + e.getValue());
            }
        }
        long skipped = 0;
        for (long v : skips.values()) {
            skipped += v;
        }
        java.util.Set<String> failures = new java.util.TreeSet<>();
        for (ColumnBuilder b : builders) {
            failures.addAll(b.failureValues());
        }
        roles = roles.withFailureValues(failures);
        if (records == 0) {
            throw new UnreadableInputException(name, "no record with a usable timestamp, latency or outcome ("
                    + skipped + " skipped)");
        }
        // global dictionaries: the shared seed first (codes unchanged), then each chunk's own new values
        List<Map<String, Integer>> global = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        ByteDict[] seeds = builders.get(0).seeds;
        for (int d = 0; d < nd; d++) {
            Map<String, Integer> g = new java.util.HashMap<>();
            List<String> vs = new ArrayList<>();
            for (int c = 0; c < seeds[d].size(); c++) {
                String v = seeds[d].string(c);
                g.put(v, c);
                vs.add(v);
            }
            global.add(g);
            values.add(vs);
        }
        int total = 0;
        for (ColumnBuilder b : builders) {
            int step = stride / b.stride;
            total += (b.n + step - 1) / step;
        }
        long[] time = new long[total];
        int[] lat = new int[total];
        byte[] out = new byte[total];
        int[][] dims = new int[nd][total];
        int w = 0;
        for (ColumnBuilder b : builders) {
            int[][] remap = new int[nd][];
            boolean anyLocal = false;
            for (int d = 0; d < nd; d++) {
                ByteDict dict = b.dicts[d];
                int base = seeds[d].size();
                remap[d] = new int[base + dict.size()];
                for (int c = 0; c < base; c++) {
                    remap[d][c] = c;
                }
                for (int c = 0; c < dict.size(); c++) {
                    anyLocal = true;
                    String v = dict.string(c);
                    Map<String, Integer> g = global.get(d);
                    Integer code = g.get(v);
                    if (code == null) {
                        code = values.get(d).size();
                        g.put(v, code);
                        values.get(d).add(v);
                    }
                    remap[d][base + c] = code;
                }
            }
            int step = stride / b.stride;
            if (step == 1) {
                // the common case: whole columns copied in bulk, codes fixed only where a chunk had new values
                System.arraycopy(b.time, 0, time, w, b.n);
                System.arraycopy(b.latency, 0, lat, w, b.n);
                System.arraycopy(b.outcome, 0, out, w, b.n);
                for (int d = 0; d < nd; d++) {
                    System.arraycopy(b.dims[d], 0, dims[d], w, b.n);
                    if (anyLocal) {
                        int base = seeds[d].size();
                        int[] col = dims[d];
                        for (int r = w; r < w + b.n; r++) {
                            if (col[r] >= base) {
                                col[r] = remap[d][col[r]];
                            }
                        }
                    }
                }
                w += b.n;
                b.release();
                continue;
            }
            for (int r = 0; r < b.n; r += step) {
                time[w] = b.time[r];
                lat[w] = b.latency[r];
                out[w] = b.outcome[r];
                for (int d = 0; d < nd; d++) {
                    dims[d][w] = remap[d][b.dims[d][r]];
                }
                w++;
            }
        }
        String[][] dimValues = new String[nd][];
        for (int d = 0; d < nd; d++) {
            dimValues[d] = values.get(d).toArray(new String[0]);
        }
        if (repaired + skipped > 0) {
            format = format + " (recovered)";
        }
        Columns cols = new Columns(w, time, lat, out, dims, roles.dimensions(), dimValues, stride);
        return new InputReader.Parsed(cols, new InputSummary(name, format, records, repaired, skipped, repairs, skips, roles,
                stride));
    }

}
