package dev.incidentbot.analysis.cause;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.analysis.changepoint.ChangePoint;
import dev.incidentbot.analysis.changepoint.Halves;
import dev.incidentbot.analysis.changepoint.LatencyBins;
import dev.incidentbot.analysis.input.Columns;
import dev.incidentbot.analysis.input.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The analysis passes give the same figures whichever way they run: on one thread or two, and grouped by value
 * combination (ComboTables) or by dimension (DimensionTables).
 */
class PassesTest {
    private static final int N = 260_000;
    private static final long T0 = 1_754_000_000_000L;

    @AfterEach
    void restore() {
        Halves.parallelRows = 200_000;
    }

    /** Three dimensions, a slow new value late in the log, a rare value (exact latencies), some rows without any. */
    private static Columns columns() {
        Random rnd = new Random(5);
        long[] time = new long[N];
        int[] latency = new int[N];
        byte[] outcome = new byte[N];
        int[][] dims = new int[3][N];
        for (int r = 0; r < N; r++) {
            time[r] = T0 + r * 40L + rnd.nextInt(30); // nearly in order, ~3 hours
            dims[0][r] = rnd.nextInt(5);
            dims[1][r] = r % 997 == 0 ? 3 : rnd.nextInt(3); // value 3 is rare
            dims[2][r] = rnd.nextInt(4);
            boolean late = r > N * 0.6;
            boolean culprit = late && dims[0][r] == 2;
            latency[r] = r % 1000 == 7 ? -1 : (int) ((culprit ? 900_000 : 80_000) * (0.5 + rnd.nextDouble())
                    * (rnd.nextInt(50) == 0 ? 8 : 1));
            outcome[r] = culprit && rnd.nextInt(20) == 0 ? Values.TIMEOUT : rnd.nextInt(100) == 0 ? Values.ERROR
                    : Values.OK;
        }
        String[][] values = {{"a", "b", "c", "d", "e"}, {"v1", "v2", "v3", "rare"}, {"r1", "r2", "r3", "r4"}};
        return new Columns(N, time, latency, outcome, dims, List.of("endpoint", "version", "region"), values, 1);
    }

    private static List<String> figures(Columns c, boolean combos) {
        ChangePoint.Whole whole = ChangePoint.whole(c);
        LatencyBins bins = whole.bins();
        long min = whole.min();
        long max = whole.max();
        ChangePoint.Series series = whole.series();
        ChangePoint.Split split = ChangePoint.best(series);
        ContrastTables tables = combos ? ComboTables.of(c, bins) : new DimensionTables(c, bins);
        assertThat(tables).isNotNull();
        Contrast ct = new Contrast(tables, split.start(), split.end());
        List<String> out = new ArrayList<>();
        out.add(split.toString());
        out.add(java.util.Arrays.toString(series.logP95()) + java.util.Arrays.toString(series.counts()));
        out.add(java.util.Arrays.toString(ct.total) + ct.globalThresholdMs);
        out.add(LatencyStats.of(ct.totalBaseline) + " " + LatencyStats.of(ct.totalIncident));
        for (GroupStats g : ct.singles()) {
            out.add(g.toString());
        }
        out.add(java.util.Arrays.deepToString(ct.breakdown(new int[] {0}, new int[] {2})));
        out.add(java.util.Arrays.deepToString(ct.breakdown(new int[] {0, 1}, new int[] {2, 3})));
        for (GroupStats g : ct.split(new int[] {0, 2}, new int[] {2, 1}, java.util.Map.of("x", "y"),
                java.util.Map.of("rest", "true"))) {
            out.add(g.toString());
        }
        for (GroupStats g : ct.split(new int[] {1, 2}, new int[] {3, 0}, java.util.Map.of("x", "y"),
                java.util.Map.of("rest", "true"))) {
            out.add(g.toString());
        }
        out.add(min + " " + max + " " + bins.slots);
        GroupRows g = ct.rows(new int[] {0}, new int[] {2});
        out.add(ChangePoint.best(ChangePoint.series(GroupBuckets.of(c, bins, ct.cls, g, min, max), bins.slots))
                .toString());
        RootCause.Result rc = RootCause.find(ct);
        out.add(rc.culprit().toString());
        out.add(java.util.Arrays.toString(Onset.find(c, ct, rc, false, split.start(), min, max)));
        out.add(java.util.Arrays.toString(Onset.find(c, ct, rc, true, split.start(), min, max)));
        return out;
    }

    @Test
    void twoThreadsGiveWhatOneGives() {
        Columns c = columns();
        List<String> two = figures(c, true);
        Halves.parallelRows = Integer.MAX_VALUE;
        assertThat(Halves.parts(c.n())).isEqualTo(1);
        assertThat(figures(c, true)).containsExactlyElementsOf(two);
        assertThat(figures(c, false)).containsExactlyElementsOf(two);
    }

    @Test
    void combinationTablesGiveWhatDimensionTablesGive() {
        Columns c = columns();
        List<String> combos = figures(c, true);
        assertThat(combos.get(combos.size() - 3)).contains("endpoint=c");
        assertThat(figures(c, false)).containsExactlyElementsOf(combos);
    }

    @Test
    void tooManyCombinationsFallBackToDimensionTables() {
        int n = 10;
        int[][] dims = new int[3][n];
        String[][] values = new String[3][];
        for (int d = 0; d < 3; d++) {
            values[d] = new String[200];
            java.util.Arrays.fill(values[d], "x");
        }
        Columns c = new Columns(n, new long[n], new int[n], new byte[n], dims, List.of("a", "b", "c"), values, 1);
        LatencyBins bins = LatencyBins.of(n, 5_000_000);
        assertThat(ComboTables.of(c, bins)).isNull();
        assertThat(ContrastTables.of(c, bins)).isInstanceOf(DimensionTables.class);
    }
}
