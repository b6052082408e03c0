package dev.incidentbot.analysis.input;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects one chunk of records into compact columns: epoch-ms times, microsecond latencies, an outcome byte
 * and dictionary-coded dimensions. Past its row cap it keeps every other row (and doubles its stride) so memory
 * stays bounded whatever the input size.
 */
final class ColumnBuilder implements FieldSink {
    static final int MAX_DICT = 5000;

    private final byte[][] keys;
    private final int[] roles; // 0 time, 1 latency, 2 outcome, 3+d dimension d
    private final KeyMatcher matcher;
    private final FieldRoles fieldRoles;
    private final int cap;

    /** Values seen in the sample, shared read-only by every chunk so their codes are already global. */
    final ByteDict[] seeds;
    /** Values this chunk met that the sample did not have; their codes are offset by the seed's size. */
    final ByteDict[] dicts;
    private final ByteDict outcomeDict = new ByteDict();
    private byte[] outcomeClass = new byte[16];

    long[] time;
    int[] latency;
    byte[] outcome;
    int[][] dims;
    int n;
    int stride = 1;
    long seen;
    long records;
    long repaired;
    final Map<String, Long> skipReasons = new LinkedHashMap<>();
    final Map<String, Long> repairReasons = new LinkedHashMap<>();

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

    ColumnBuilder(FieldRoles roles, ByteDict[] seeds, int expectedRows, int cap) {
        this.seeds = seeds;
        this.fieldRoles = roles;
        int nd = roles.dimensions().size();
        int nk = 3 + nd;
        keys = new byte[nk][];
        this.roles = new int[nk];
        keys[0] = bytes(roles.timeField());
        keys[1] = bytes(roles.latencyField());
        keys[2] = bytes(roles.outcomeField());
        for (int i = 0; i < nk; i++) {
            this.roles[i] = i;
        }
        for (int d = 0; d < nd; d++) {
            keys[3 + d] = bytes(roles.dimensions().get(d));
        }
        matcher = new KeyMatcher(keys);
        dicts = new ByteDict[nd];
        for (int d = 0; d < nd; d++) {
            dicts[d] = new ByteDict();
        }
        this.cap = Math.max(1024, cap);
        int size = Math.max(256, Math.min(expectedRows, this.cap));
        time = new long[size];
        latency = new int[size];
        outcome = new byte[size];
        dims = new int[nd][size];
        curDims = new int[nd];
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
        Arrays.fill(curDims, -1);
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

    private void accept(int k, byte[] vb, int vs, int ve) {
        any = true;
        switch (k) {
            case 0 -> curTime = time(vb, vs, ve);
            case 1 -> curLat = Values.parseLatency(vb, vs, ve, fieldRoles.latencyUnitMicros());
            case 2 -> curOut = outcomeOf(vb, vs, ve);
            default -> {
                int d = k - 3;
                int code = seeds[d].find(vb, vs, ve);
                if (code < 0) {
                    code = seeds[d].size() + local(d, vb, vs, ve);
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
        if (dict.size() < MAX_DICT) {
            return dict.code(b, s, e);
        }
        int code = dict.find(b, s, e);
        return code >= 0 ? code : dict.code(OTHER, 0, OTHER.length);
    }

    /** Byte comparison written out: keys are short, and the quick compiler does not intrinsify Arrays.equals. */
    static boolean same(byte[] a, byte[] b, int bs, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (a[i] != b[bs + i]) {
                return false;
            }
        }
        return true;
    }

    private long time(byte[] b, int s, int e) {
        int len = e - s;
        if (len == lastTimeLen && same(lastTimeBytes, b, s, len)) {
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

    private byte outcomeOf(byte[] b, int s, int e) {
        int code = outcomeDict.find(b, s, e);
        if (code < 0) {
            if (outcomeDict.size() >= 1000) {
                return Values.classifyOutcome(new String(b, s, e - s, StandardCharsets.UTF_8),
                        fieldRoles.outcomeField());
            }
            code = outcomeDict.code(b, s, e);
            if (code >= outcomeClass.length) {
                outcomeClass = Arrays.copyOf(outcomeClass, outcomeClass.length * 2);
            }
            outcomeClass[code] = Values.classifyOutcome(outcomeDict.string(code), fieldRoles.outcomeField());
        }
        return outcomeClass[code];
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
        records++;
        long index = seen++;
        if (index % stride != 0) {
            return true;
        }
        if (n == cap) {
            thin();
            if (index % stride != 0) {
                return true;
            }
        }
        if (n == time.length) {
            grow();
        }
        time[n] = keys[0] == null ? index : curTime;
        latency[n] = curLat;
        outcome[n] = curOut;
        for (int d = 0; d < curDims.length; d++) {
            int code = curDims[d];
            dims[d][n] = code >= 0 ? code : seeds[d].size() + local(d, NONE, 0, NONE.length);
        }
        n++;
        return true;
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

    private void grow() {
        int size = Math.min(cap, time.length * 2);
        time = Arrays.copyOf(time, size);
        latency = Arrays.copyOf(latency, size);
        outcome = Arrays.copyOf(outcome, size);
        for (int d = 0; d < dims.length; d++) {
            dims[d] = Arrays.copyOf(dims[d], size);
        }
    }

    /** Outcome values of this chunk classified as failures or timeouts. */
    java.util.List<String> failureValues() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int c = 0; c < outcomeDict.size(); c++) {
            if (outcomeClass[c] == Values.ERROR || outcomeClass[c] == Values.TIMEOUT) {
                out.add(outcomeDict.string(c));
            }
        }
        return out;
    }

    /** Drops the columns once merged, so the merge never holds two full copies of the data. */
    void release() {
        time = null;
        latency = null;
        outcome = null;
        dims = null;
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
