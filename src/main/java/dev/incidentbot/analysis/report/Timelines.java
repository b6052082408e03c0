package dev.incidentbot.analysis.report;

import dev.incidentbot.analysis.cause.GroupStats;
import dev.incidentbot.analysis.changepoint.LatencySummary;
import dev.incidentbot.analysis.input.Columns;
import dev.incidentbot.analysis.input.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds the chart's Timeline from the analysed columns in one pass over every row, only when it is asked for. */
public final class Timelines {
    /** Bucket widths a reader can count in, shortest first: the chart's axis then falls on round times. */
    private static final long[] NICE_MS = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
        600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
        172_800_000, 604_800_000};
    /** At most this many buckets: about 10 px each on a 1200 px chart, fine enough to see the onset. */
    static final int MAX_BUCKETS = 120;
    /** At least this many buckets may be used however small the log. */
    static final int MIN_BUCKETS = 12;
    /** A small log gets at most one bucket per this many rows, so its chart is not mostly gaps. */
    static final int ROWS_PER_BUCKET = 10;

    /** The groups a row counts in: 0 the culprit, 1 the rest (only with a culprit), 2 all rows. */
    private static final int[] ALL_ONLY = {2};
    private static final int[] CULPRIT = {0, 2};
    private static final int[] REST = {1, 2};

    private Timelines() {
    }

    /**
     * The series of c's rows over [min, max] (epoch ms, the log's time bounds); culprit is null when there is
     * none, onset the report's startedAt. Every row counts, including a recovered tail the contrast leaves out:
     * the chart shows the whole log.
     */
    public static Timeline of(Columns c, GroupStats culprit, Instant onset, long min, long max) {
        long[] grid = grid(min, max, c.n());
        long first = grid[0];
        long width = grid[1];
        int count = (int) grid[2];
        int[][] match = culprit == null ? null : match(c, culprit.attributes());
        long[][] requests = new long[3][count];
        long[][] failed = new long[3][count];
        LatencySummary[][] lat = new LatencySummary[3][count];
        for (LatencySummary[] g : lat) {
            for (int i = 0; i < count; i++) {
                g[i] = new LatencySummary();
            }
        }
        long[] time = c.time();
        int[] latency = c.latency();
        byte[] outcome = c.outcome();
        for (int r = 0; r < c.n(); r++) {
            int i = (int) ((time[r] - first) / width);
            boolean fail = outcome[r] == Values.ERROR || outcome[r] == Values.TIMEOUT;
            int l = latency[r];
            int[] groups = match == null ? ALL_ONLY : in(c, match, r) ? CULPRIT : REST;
            for (int g : groups) {
                requests[g][i]++;
                if (fail) {
                    failed[g][i]++;
                }
                lat[g][i].add(l);
            }
        }
        int s = c.stride();
        Timeline.Series all = series(Timeline.OVERALL_LABEL, 2, first, width, requests, failed, lat, s);
        if (match == null) {
            return new Timeline(Instant.ofEpochMilli(first), width / 1000, null, null, null, all);
        }
        return new Timeline(Instant.ofEpochMilli(first), width / 1000, onset,
                series(culprit.label(), 0, first, width, requests, failed, lat, s),
                series(Timeline.REST_LABEL, 1, first, width, requests, failed, lat, s), all);
    }

    private static Timeline.Series series(String label, int g, long first, long width, long[][] requests,
                                          long[][] failed, LatencySummary[][] lat, int stride) {
        List<Timeline.Point> points = new ArrayList<>(requests[g].length);
        for (int i = 0; i < requests[g].length; i++) {
            int p95 = lat[g][i].percentile(0.95);
            points.add(new Timeline.Point(Instant.ofEpochMilli(first + i * width), requests[g][i] * stride,
                    failed[g][i] * stride, p95 < 0 ? Double.NaN : p95 / 1000.0));
        }
        return new Timeline.Series(label, points);
    }

    /**
     * {first, width, count}: the shortest nice width giving at most MAX_BUCKETS buckets (fewer for a small log,
     * see ROWS_PER_BUCKET) from min to max, the first starting on a multiple of the width (round UTC times).
     */
    static long[] grid(long min, long max, int rows) {
        int most = Math.max(MIN_BUCKETS, Math.min(MAX_BUCKETS, rows / ROWS_PER_BUCKET));
        for (long w : NICE_MS) {
            long first = Math.floorDiv(min, w) * w;
            long count = (max - first) / w + 1;
            if (count <= most) {
                return new long[] {first, w, count};
            }
        }
        // longer than the widest nice width allows: whole seconds
        long w = ((max - min) / most / 1000 + 1) * 1000;
        long first = Math.floorDiv(min, w) * w;
        return new long[] {first, w, (max - first) / w + 1};
    }

    /** Per culprit attribute {dimension index, value code}. */
    private static int[][] match(Columns c, Map<String, String> attributes) {
        int[][] m = new int[attributes.size()][];
        int k = 0;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            int d = c.dimNames().indexOf(e.getKey());
            int code = d < 0 ? -1 : Arrays.asList(c.dimValues()[d]).indexOf(e.getValue());
            if (code < 0) {
                throw new IllegalStateException("culprit attribute not among the columns: " + e.getKey());
            }
            m[k++] = new int[] {d, code};
        }
        return m;
    }

    private static boolean in(Columns c, int[][] match, int r) {
        for (int[] dc : match) {
            if (c.dims()[dc[0]][r] != dc[1]) {
                return false;
            }
        }
        return true;
    }
}
