package dev.incidentbot.analysis.input;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one set of columns a parse fills: builders hand their rows over in file order, so codes, record numbers
 * and the systematic sample past the row cap come out the same however the input was split into chunks.
 *
 * <p>Sized from the estimated row count, so the rows are copied once, from a builder's small and recently
 * written arrays, instead of into per-chunk columns and then again into merged ones (which also touched twice
 * the heap and started G1 concurrent cycles for the humongous arrays).
 */
final class RowStore {
    private final FieldRoles roles;
    private final ByteDict[] seeds;
    private final int cap;
    private final boolean timeless;

    private long[] time;
    private int[] latency;
    private byte[] outcome;
    private final int capacity;
    private int[][] dims;
    /** The whole-log pass folded into a parallel parse, null if none; bin holds its rows' bins while binned. */
    private RowFold whole;
    private char[] bin;
    private boolean binned;
    private int n;
    private int stride = 1;
    /** Accepted records so far: the record number of the next one. */
    private long seen;
    private long repaired;
    private final Map<String, Long> skips = new LinkedHashMap<>();
    private final Map<String, Long> repairs = new LinkedHashMap<>();
    private final Set<ColumnBuilder> builders = Collections.newSetFromMap(new IdentityHashMap<>());

    // global dictionaries: the seed's values keep their codes, others are numbered in order of first appearance
    private final List<Map<String, Integer>> codes = new ArrayList<>();
    private final List<List<String>> values = new ArrayList<>();
    private final int[] beyondSeed;

    /** capacity: the rows expected (grown when exceeded); cap: rows kept at most, past which rows are thinned. */
    RowStore(FieldRoles roles, ByteDict[] seeds, int capacity, int cap) {
        this(roles, seeds, capacity, cap, false);
    }

    /** fold: the parse threads may fold in the whole-log pass (see folding), whose row bins the store keeps. */
    RowStore(FieldRoles roles, ByteDict[] seeds, int capacity, int cap, boolean fold) {
        this.binned = fold;
        this.roles = roles;
        this.seeds = seeds;
        this.cap = Math.max(1024, cap);
        this.timeless = roles.timeField() == null;
        this.capacity = Math.max(256, Math.min(capacity, this.cap));
        int nd = seeds.length;
        beyondSeed = new int[nd];
        for (int d = 0; d < nd; d++) {
            Map<String, Integer> m = new HashMap<>();
            List<String> vs = new ArrayList<>();
            for (int c = 0; c < seeds[d].size(); c++) {
                String v = seeds[d].string(c);
                m.put(v, c);
                vs.add(v);
            }
            codes.add(m);
            values.add(vs);
        }
    }

    /**
     * Allocates the columns (if not yet done). Zeroing some 55 MB for the 2M bench takes 15-25 ms, so a parallel
     * parse has a helper thread do it while the other threads start parsing.
     */
    void allocate() {
        if (time != null) {
            return;
        }
        dims = new int[seeds.length][capacity];
        outcome = new byte[capacity];
        latency = new int[capacity];
        time = new long[capacity];
        if (binned) {
            bin = new char[capacity];
        }
    }

    /** Takes the builder's rows and counts, which must follow those taken before in the file. */
    void append(ColumnBuilder b) {
        allocate();
        builders.add(b);
        repaired += b.repaired;
        b.skipReasons.forEach((k, v) -> skips.merge(k, v, Long::sum));
        b.repairReasons.forEach((k, v) -> repairs.merge(k, v, Long::sum));
        int rows = b.n;
        if (stride == 1 && n + rows <= cap) {
            // the common case: whole columns copied in bulk, then local codes and record numbers fixed up
            if (n + rows > time.length) {
                // sized tightly from the sample: a rare copy costs less than zeroing a wide margin every run
                grow(Math.max(n + rows, time.length + time.length / 8));
            }
            int w = n;
            System.arraycopy(b.time, 0, time, w, rows);
            System.arraycopy(b.latency, 0, latency, w, rows);
            System.arraycopy(b.outcome, 0, outcome, w, rows);
            if (binned && b.bin != null) {
                System.arraycopy(b.bin, 0, bin, w, rows);
            } else {
                binned = false;
            }
            for (int d = 0; d < dims.length; d++) {
                System.arraycopy(b.dims[d], 0, dims[d], w, rows);
                if (b.dicts[d].size() > 0) {
                    globalise(b, d, w, w + rows);
                }
            }
            if (timeless) {
                for (int r = 0; r < rows; r++) {
                    time[w + r] = seen + r;
                }
            }
            n += rows;
            seen += rows;
            return;
        }
        binned = false; // thinned or grown: the fold's bins and counts no longer match the rows kept
        for (int r = 0; r < rows; r++) {
            long index = seen++;
            if (index % stride != 0) {
                continue;
            }
            if (n == cap) {
                thin();
                if (index % stride != 0) {
                    continue;
                }
            }
            if (n == time.length) {
                grow(time.length * 3L / 2);
            }
            time[n] = timeless ? index : b.time[r];
            latency[n] = b.latency[r];
            outcome[n] = b.outcome[r];
            for (int d = 0; d < dims.length; d++) {
                int code = b.dims[d][r];
                dims[d][n] = code < seeds[d].size() ? code : global(b, d, code);
            }
            n++;
        }
    }

    private void globalise(ColumnBuilder b, int d, int from, int to) {
        int[] col = dims[d];
        int base = seeds[d].size();
        for (int r = from; r < to; r++) {
            if (col[r] >= base) {
                col[r] = global(b, d, col[r]);
            }
        }
    }

    /**
     * The global code of a builder's local code, numbering new values as a single builder over the whole file
     * would: in order of first appearance, and past MAX_DICT such values, "(other)" for any further one.
     */
    private int global(ColumnBuilder b, int d, int code) {
        int local = code - seeds[d].size();
        if (b.globalCodes == null) {
            b.globalCodes = new int[dims.length][];
        }
        int[] known = b.globalCodes[d];
        if (known == null || local >= known.length) {
            int old = known == null ? 0 : known.length;
            known = known == null ? new int[Math.max(16, local + 1)] : Arrays.copyOf(known, Math.max(old * 2, local + 1));
            Arrays.fill(known, old, known.length, -1);
            b.globalCodes[d] = known;
        }
        if (known[local] >= 0) {
            return known[local];
        }
        String v = b.dicts[d].string(local);
        Integer g = codes.get(d).get(v);
        if (g == null) {
            g = beyondSeed[d] < ColumnBuilder.MAX_DICT ? add(d, v) : other(d);
        }
        known[local] = g;
        return g;
    }

    private int add(int d, String v) {
        int g = values.get(d).size();
        codes.get(d).put(v, g);
        values.get(d).add(v);
        beyondSeed[d]++;
        return g;
    }

    private int other(int d) {
        Integer g = codes.get(d).get("(other)");
        return g != null ? g : add(d, "(other)");
    }

    /** The whole-log pass the parse folds in: set before the first rows with bins are appended. */
    void folding(RowFold w) {
        whole = w;
    }

    /** Keeps every other row and doubles the stride: a systematic sample, so rates and shapes survive. */
    private void thin() {
        int w = 0;
        for (int r = 0; r < n; r += 2) {
            time[w] = time[r];
            latency[w] = latency[r];
            outcome[w] = outcome[r];
            for (int[] col : dims) {
                col[w] = col[r];
            }
            w++;
        }
        n = w;
        stride *= 2;
    }

    /** Grows the columns to about size rows (within the cap), keeping the rows' bins. */
    private void grow(long size0) {
        int size = (int) Math.min(cap, Math.max(1024L, size0));
        time = Arrays.copyOf(time, size);
        latency = Arrays.copyOf(latency, size);
        outcome = Arrays.copyOf(outcome, size);
        for (int d = 0; d < dims.length; d++) {
            dims[d] = Arrays.copyOf(dims[d], size);
        }
        bin = bin == null ? null : Arrays.copyOf(bin, size);
    }

    /** The columns and the input summary once every builder has handed its rows over. */
    InputReader.Parsed finish(String name, String format) throws UnreadableInputException {
        long skipped = 0;
        for (long v : skips.values()) {
            skipped += v;
        }
        allocate();
        if (seen == 0) {
            throw new UnreadableInputException(name, "no record with a usable timestamp, latency or outcome ("
                    + skipped + " skipped)");
        }
        Set<String> failures = new TreeSet<>();
        for (ColumnBuilder b : builders) {
            failures.addAll(b.failureValues());
        }
        FieldRoles r = roles.withFailureValues(failures);
        String[][] dimValues = new String[dims.length][];
        for (int d = 0; d < dims.length; d++) {
            dimValues[d] = values.get(d).toArray(new String[0]);
        }
        if (repaired + skipped > 0) {
            format = format + " (recovered)";
        }
        // the arrays keep their spare capacity: every reader goes up to n, and trimming would copy them again
        boolean folded = binned && whole != null;
        if (folded) {
            whole.binned(bin);
        }
        Columns cols = new Columns(n, time, latency, outcome, dims, r.dimensions(), dimValues, stride,
                folded ? whole : null);
        return new InputReader.Parsed(cols, new InputSummary(name, format, seen, repaired, skipped, repairs, skips,
                r, stride));
    }

    /** Rows kept so far (tests). */
    int rows() {
        return n;
    }

    /** Each kept row stands for this many records (tests). */
    int stride() {
        return stride;
    }
}
