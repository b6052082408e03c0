package dev.incidentbot.analysis.input;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects records into compact columns (epoch-ms times, microsecond latencies, an outcome byte and
 * dictionary-coded dimensions) that a {@link RowStore} then takes in file order: one builder per chunk of a
 * parallel parse, reused from chunk to chunk, or one that hands its rows over every so often in a sequential one.
 */
final class ColumnBuilder implements FieldSink {
    static final int MAX_DICT = 5000;
    /**
     * Values one builder keeps for itself beyond the seed; the store applies MAX_DICT to the whole file, so a
     * builder that meets only part of the file must not give up earlier.
     */
    private static final int MAX_LOCAL = 4 * MAX_DICT;

    private final byte[][] keys;
    private final KeyMatcher matcher;
    /** The layout of the last records, null when the field names are not distinct (or for tests). */
    private LineShape shape;
    /** Records read by FlatJson while shape was trying, and how many of those it learnt from. */
    int flatRecords;
    private int learnt;
    /** latencyUnitMicros as a whole number for whole-number latencies, 0 when it is not one. */
    private final long unitMicros;
    private final FieldRoles fieldRoles;

    /** Values seen in the sample, shared read-only by every chunk so their codes are already global. */
    final ByteDict[] seeds;
    /** Values this builder met that the sample did not have; their codes are offset by the seed's size. */
    final ByteDict[] dicts;
    private final OutcomeClasses outcomes;
    private final ValueCache[] dimCache;

    long[] time;
    int[] latency;
    byte[] outcome;
    int[][] dims;
    /** Per row its latency bin when the parse folds in the whole-log pass (see fold), else null. */
    char[] bin;
    /** Rows held, each one accepted record (the store thins, not the builder). */
    int n;
    long records;
    long repaired;
    final Map<String, Long> skipReasons = new LinkedHashMap<>();
    final Map<String, Long> repairReasons = new LinkedHashMap<>();
    /** The store's translation of this builder's local codes to global ones, per dimension (owned by the store). */
    int[][] globalCodes;

    // a sequential parse hands its rows to the store every flushRows rows, so the builder stays small
    private RowStore flushTo;
    private int flushRows = Integer.MAX_VALUE;

    // the record being read
    private long curTime;
    private int curLat;
    private byte curOut;
    private final int[] curDims;
    private boolean any;

    // the last timestamp's bytes, since consecutive records usually share it
    private byte[] lastTimeBytes = new byte[40];
    private int lastTimeLen = -1;
    private long lastTime;

    ColumnBuilder(FieldRoles roles, ByteDict[] seeds, int expectedRows) {
        this.seeds = seeds;
        this.fieldRoles = roles;
        int nd = roles.dimensions().size();
        keys = new byte[3 + nd][];
        keys[0] = bytes(roles.timeField());
        keys[1] = bytes(roles.latencyField());
        keys[2] = bytes(roles.outcomeField());
        for (int d = 0; d < nd; d++) {
            keys[3 + d] = bytes(roles.dimensions().get(d));
        }
        matcher = new KeyMatcher(keys);
        outcomes = new OutcomeClasses(roles.outcomeField());
        shape = LineShape.forKeys(keys);
        double unit = roles.latencyUnitMicros();
        unitMicros = unit >= 1 && unit <= 1e6 && unit == Math.rint(unit) ? (long) unit : 0;
        dicts = new ByteDict[nd];
        dimCache = new ValueCache[nd];
        for (int d = 0; d < nd; d++) {
            dicts[d] = new ByteDict();
            dimCache[d] = new ValueCache();
        }
        int size = Math.max(256, expectedRows);
        time = new long[size];
        latency = new int[size];
        outcome = new byte[size];
        dims = new int[nd][size];
        curDims = new int[nd];
    }

    /** Hands the rows to the store whenever rows of them are collected (a sequential parse). */
    ColumnBuilder flushingTo(RowStore store, int rows) {
        flushTo = store;
        flushRows = Math.max(1, rows);
        return this;
    }

    /**
     * Forgets the rows and counts once the store has them; dictionaries, the learnt field order and the last
     * timestamp are kept for the next chunk.
     */
    void clearRows() {
        n = 0;
        records = 0;
        repaired = 0;
        skipReasons.clear();
        repairReasons.clear();
    }

    /** Adds the rows held to a parse thread's whole-log pass, which sets their bins (kept until clearRows). */
    void fold(RowFold.Part part) {
        if (bin == null || bin.length < n) {
            bin = new char[time.length];
        }
        part.add(time, latency, outcome, bin, n);
    }

    /** Reads every record with FlatJson (tests compare both ways). */
    ColumnBuilder withoutShapes() {
        shape = null;
        return this;
    }

    @Override
    public int known(byte[] b, int p, int lim) {
        if (shape == null) {
            return LineShape.MISS;
        }
        int r = shape.read(b, p, lim, this);
        if (r == LineShape.MISS) {
            begin(); // drop what the shape accepted before it missed
        }
        return r;
    }

    @Override
    public void flatRecord(byte[] b, int s, int e) {
        // relearn after a miss, but not on every line of a log whose records keep changing shape
        flatRecords++;
        if (shape != null && (learnt < 64 || learnt * 8 < flatRecords)) {
            learnt++;
            shape.learn(b, s, e);
        }
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void begin() {
        matcher.lineStart();
        curTime = Values.NO_TIME;
        curLat = Values.NO_LATENCY;
        curOut = Values.UNKNOWN;
        for (int d = 0; d < curDims.length; d++) { // Arrays.fill is a call the quick compiler does not inline
            curDims[d] = -1;
        }
        any = false;
    }

    @Override
    public void field(byte[] kb, int ks, int ke, byte[] vb, int vs, int ve, int kind) {
        int k = matcher.match(kb, ks, ke);
        if (k >= 0) {
            accept(k, vb, vs, ve);
        }
    }

    @Override
    public byte[] expectedKey() {
        return matcher.expected();
    }

    @Override
    public void expectedField(byte[] vb, int vs, int ve, int kind) {
        accept(matcher.takeExpected(), vb, vs, ve);
    }

    /** Value bytes [vs, ve) of vb for analysed field k (0 time, 1 latency, 2 outcome, 3+ dimensions). */
    void accept(int k, byte[] vb, int vs, int ve) {
        any = true;
        switch (k) {
            case 0 -> curTime = time(vb, vs, ve);
            case 1 -> curLat = unitMicros > 0
                    ? Values.wholeLatency(vb, vs, ve, unitMicros, fieldRoles.latencyUnitMicros())
                    : Values.parseLatency(vb, vs, ve, fieldRoles.latencyUnitMicros());
            case 2 -> curOut = outcomes.of(vb, vs, ve);
            default -> {
                int d = k - 3;
                ValueCache cache = dimCache[d];
                int code = cache.get(vb, vs, ve);
                if (code < 0) {
                    code = seeds[d].find(vb, vs, ve);
                    if (code < 0) {
                        code = seeds[d].size() + local(d, vb, vs, ve);
                    }
                    cache.put(vb, vs, ve, code); // a builder's codes never change, (other) included
                }
                curDims[d] = code;
            }
        }
    }

    private static final byte[] NONE = "(none)".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "(other)".getBytes(StandardCharsets.UTF_8);

    /** Local code of a value the sample did not have; past the cap, values share "(other)". */
    private int local(int d, byte[] b, int s, int e) {
        ByteDict dict = dicts[d];
        if (dict.size() < MAX_LOCAL) {
            return dict.code(b, s, e);
        }
        int code = dict.find(b, s, e);
        return code >= 0 ? code : dict.code(OTHER, 0, OTHER.length);
    }

    private long time(byte[] b, int s, int e) {
        int len = e - s;
        if (len == lastTimeLen && Bytes.same(lastTimeBytes, 0, b, s, len)) {
            return lastTime;
        }
        long t = Values.parseTime(b, s, e);
        if (len <= lastTimeBytes.length) {
            System.arraycopy(b, s, lastTimeBytes, 0, len);
            lastTimeLen = len;
            lastTime = t;
        }
        return t;
    }

    @Override
    public boolean end() {
        if (!any) {
            skip("record without any of the analysed fields");
            return true;
        }
        if (keys[0] != null && curTime == Values.NO_TIME) {
            skip("missing or unreadable timestamp");
            return true;
        }
        if (curLat == Values.NO_LATENCY && curOut == Values.UNKNOWN) {
            skip("neither a latency nor an outcome");
            return true;
        }
        if (n == time.length) {
            grow();
        }
        time[n] = keys[0] == null ? n : curTime; // without timestamps the store numbers the records
        latency[n] = curLat;
        outcome[n] = curOut;
        for (int d = 0; d < curDims.length; d++) {
            int code = curDims[d];
            dims[d][n] = code >= 0 ? code : seeds[d].size() + local(d, NONE, 0, NONE.length);
        }
        n++;
        records++;
        if (n == flushRows) {
            flushTo.append(this);
            clearRows();
        }
        return true;
    }

    private void grow() {
        int size = time.length * 2;
        time = Arrays.copyOf(time, size);
        latency = Arrays.copyOf(latency, size);
        outcome = Arrays.copyOf(outcome, size);
        for (int d = 0; d < dims.length; d++) {
            dims[d] = Arrays.copyOf(dims[d], size);
        }
    }

    /** Outcome values this builder met so far classified as failures or timeouts. */
    java.util.List<String> failureValues() {
        return outcomes.failureValues();
    }

    @Override
    public void skip(String reason) {
        skipReasons.merge(reason, 1L, Long::sum);
    }

    @Override
    public void repaired(String reason) {
        repaired++;
        repairReasons.merge(reason, 1L, Long::sum);
    }
}
