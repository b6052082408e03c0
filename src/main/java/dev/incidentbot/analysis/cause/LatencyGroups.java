package dev.incidentbot.analysis.cause;

import dev.incidentbot.analysis.changepoint.LatencySummary;
import java.util.Arrays;

/**
 * Latency distributions of many groups at once, as bin counts plus exact count, sum, min and max: a pass adds
 * a row with a few array operations, and a group's LatencySummary is built once at the end. Group g of code v is
 * {@code 2 * v + window} (0 baseline, 1 incident), rows of excluded time left out.
 *
 * <p>The three counting loops repeat the same few lines on purpose: each runs once over millions of rows in a one-shot
 * process compiled by C1, which inlines little, so a shared per-row helper would be a call per row (measured slower).
 */
public final class LatencyGroups {
    final int groups;
    final int slots;
    final int[] hist;
    final long[] sum;
    final int[] min;
    final int[] max;

    public LatencyGroups(int codes, int slots) {
        this.groups = 2 * codes;
        this.slots = slots;
        hist = new int[groups * slots];
        sum = new long[groups];
        min = new int[groups];
        max = new int[groups];
        Arrays.fill(min, Integer.MAX_VALUE);
        Arrays.fill(max, -1);
    }

    /** Adds the rows [from, to), grouped by the code column. */
    void count(int[] col, byte[] cls, int[] latency, char[] bin, int from, int to) {
        int[] h = hist;
        long[] s = sum;
        int[] mn = min;
        int[] mx = max;
        int w = slots;
        for (int r = from; r < to; r++) {
            int l = latency[r];
            int k = cls[r];
            if (l < 0 || k == Contrast.EXCLUDED) {
                continue;
            }
            int g = 2 * col[r] + (k & Contrast.INCIDENT);
            h[g * w + bin[r]]++;
            s[g] += l;
            if (l < mn[g]) {
                mn[g] = l;
            }
            if (l > mx[g]) {
                mx[g] = l;
            }
        }
    }

    /**
     * ComboTables' first pass in one loop: each row's combination code (the sum of its values' codes times the
     * dimensions' multipliers) and window, then its latency counted like {@link #count(int[], byte[], int[], char[],
     * int, int)} with the combination as the code.
     */
    public void countCombos(int[][] dims, int[] mult, int[] combo, long[] time, long start, long end, byte[] cls,
                            int[] latency, char[] bin, int from, int to) {
        int[] h = hist;
        long[] s = sum;
        int[] mn = min;
        int[] mx = max;
        int w = slots;
        int nd = dims.length;
        for (int r = from; r < to; r++) {
            int code = 0;
            for (int d = 0; d < nd; d++) {
                code += dims[d][r] * mult[d];
            }
            combo[r] = code;
            long t = time[r];
            int k = t >= end ? Contrast.EXCLUDED : t >= start ? Contrast.INCIDENT : 0;
            cls[r] = (byte) k;
            int l = latency[r];
            if (l < 0 || k == Contrast.EXCLUDED) {
                continue;
            }
            int g = 2 * code + k;
            h[g * w + bin[r]]++;
            s[g] += l;
            if (l < mn[g]) {
                mn[g] = l;
            }
            if (l > mx[g]) {
                mx[g] = l;
            }
        }
    }

    /** As {@link #count(int[], byte[], int[], char[], int, int)}, code 1 for rows marked in the mask, else 0. */
    void count(byte[] mask, byte[] cls, int[] latency, char[] bin, int from, int to) {
        int[] h = hist;
        long[] s = sum;
        int[] mn = min;
        int[] mx = max;
        int w = slots;
        for (int r = from; r < to; r++) {
            int l = latency[r];
            int k = cls[r];
            if (l < 0 || k == Contrast.EXCLUDED) {
                continue;
            }
            int g = 2 * mask[r] + (k & Contrast.INCIDENT);
            h[g * w + bin[r]]++;
            s[g] += l;
            if (l < mn[g]) {
                mn[g] = l;
            }
            if (l > mx[g]) {
                mx[g] = l;
            }
        }
    }

    /** Adds another part's counts (same shape) into this one. */
    public void add(LatencyGroups o) {
        for (int i = 0; i < hist.length; i++) {
            hist[i] += o.hist[i];
        }
        for (int g = 0; g < groups; g++) {
            sum[g] += o.sum[g];
            min[g] = Math.min(min[g], o.min[g]);
            max[g] = Math.max(max[g], o.max[g]);
        }
    }

    /** The groups of target codes, each the sum of the codes mapped to it (map -1: left out). */
    public LatencyGroups marginal(int[] map, int targets) {
        LatencyGroups m = new LatencyGroups(targets, slots);
        for (int v = 0; v < map.length; v++) {
            for (int w = 0; w < 2 && map[v] >= 0; w++) {
                int g = 2 * v + w;
                int t = 2 * map[v] + w;
                if (max[g] < 0) {
                    continue; // no latency in this group
                }
                for (int i = 0; i < slots; i++) {
                    m.hist[t * slots + i] += hist[g * slots + i];
                }
                m.sum[t] += sum[g];
                m.min[t] = Math.min(m.min[t], min[g]);
                m.max[t] = Math.max(m.max[t], max[g]);
            }
        }
        return m;
    }

    public long count(int g) {
        long n = 0;
        for (int i = g * slots; i < (g + 1) * slots; i++) {
            n += hist[i];
        }
        return n;
    }

    /**
     * The groups' summaries; a group of at most LatencySummary.EXACT values keeps its exact values, which one more
     * pass collects (by code column, through map unless it is null, or by mask when col is null), only when there
     * is such a group.
     */
    LatencySummary[] summaries(int[] col, int[] map, byte[] mask, byte[] cls, int[] latency, int n) {
        long[] counts = new long[groups];
        int[][] raw = new int[groups][];
        boolean anyRaw = false;
        for (int g = 0; g < groups; g++) {
            counts[g] = count(g);
            if (counts[g] > 0 && counts[g] <= LatencySummary.EXACT) {
                raw[g] = new int[(int) counts[g]];
                anyRaw = true;
            }
        }
        if (anyRaw) {
            int[] fill = new int[groups];
            for (int r = 0; r < n; r++) {
                int l = latency[r];
                int k = cls[r];
                if (l < 0 || k == Contrast.EXCLUDED) {
                    continue;
                }
                int code = col == null ? mask[r] : map == null ? col[r] : map[col[r]];
                int g = 2 * code + (k & Contrast.INCIDENT);
                if (code >= 0 && raw[g] != null) {
                    raw[g][fill[g]++] = l;
                }
            }
        }
        LatencySummary[] out = new LatencySummary[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = LatencySummary.of(counts[g], sum[g], min[g], max[g], raw[g], hist, g * slots, slots);
        }
        return out;
    }
}
