package dev.incidentbot.analysis.cause;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.analysis.changepoint.ChangePoint;
import dev.incidentbot.analysis.changepoint.Halves;
import dev.incidentbot.analysis.changepoint.LatencyBins;
import dev.incidentbot.analysis.changepoint.TimeBuckets;
import dev.incidentbot.analysis.input.Columns;
import dev.incidentbot.analysis.input.Values;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole log's bucket pass guesses the log's time bounds and checks them; its series, bounds and bins match a
 * row-by-row computation whether the guess holds or not, and the onset read from a group's buckets is what a scan
 * of the group's rows finds.
 */
class TimeBucketsTest {
    private static final int N = 240_000;
    private static final long T0 = 1_754_000_000_000L;

    @AfterEach
    void restore() {
        Halves.parallelRows = 200_000;
    }

    /** Two dimensions; from row N/2 value 1 of the first is slow and failing; rows in order unless shuffled. */
    private static Columns columns(boolean outOfOrder) {
        Random rnd = new Random(11);
        long[] time = new long[N];
        int[] latency = new int[N];
        byte[] outcome = new byte[N];
        int[][] dims = new int[2][N];
        for (int r = 0; r < N; r++) {
            time[r] = T0 + r * 50L + rnd.nextInt(40);
            dims[0][r] = rnd.nextInt(3);
            dims[1][r] = rnd.nextInt(4);
            boolean bad = r > N / 2 && dims[0][r] == 1;
            latency[r] = r % 500 == 3 ? -1 : (int) ((bad ? 700_000 : 60_000) * (0.5 + rnd.nextDouble()));
            outcome[r] = bad && rnd.nextInt(10) == 0 ? Values.TIMEOUT : rnd.nextInt(200) == 0 ? Values.ERROR
                    : Values.OK;
        }
        if (outOfOrder) {
            // earliest and latest rows where the sample of rows does not look: the guessed grid is wrong
            time[12_345] = T0 - 5 * 3_600_000L;
            time[200_001] = T0 + 30 * 3_600_000L;
            latency[77_777] = 40_000_000;
        }
        return new Columns(N, time, latency, outcome, dims, List.of("a", "b"),
                new String[][] {{"x", "y", "z"}, {"p", "q", "r", "s"}}, 1);
    }

    @Test
    void wholeLogSeriesIsWhatRowByRowCountingGives() {
        for (boolean outOfOrder : new boolean[] {false, true}) {
            Columns c = columns(outOfOrder);
            ChangePoint.Whole whole = ChangePoint.whole(c);
            long min = Arrays.stream(c.time()).min().orElseThrow();
            long max = Arrays.stream(c.time()).max().orElseThrow();
            int maxLatency = Arrays.stream(c.latency()).max().orElseThrow();
            assertThat(whole.min()).isEqualTo(min);
            assertThat(whole.max()).isEqualTo(max);
            assertThat(whole.bins().slots).isEqualTo(LatencyBins.index(maxLatency) + 1);
            for (int r = 0; r < N; r++) {
                assertThat((int) whole.bins().bin[r]).isEqualTo(c.latency()[r] < 0 ? 0 : LatencyBins.index(c.latency()[r]));
            }
            ChangePoint.Series expected = rowByRow(c, min, max);
            assertThat(whole.series().starts()).containsExactly(expected.starts());
            assertThat(whole.series().counts()).containsExactly(expected.counts());
            assertThat(whole.series().logP95()).containsExactly(expected.logP95());
            assertThat(whole.series().failRate()).containsExactly(expected.failRate());
        }
    }

    @Test
    void onsetFromBucketsIsWhatAScanOfTheRowsFinds() {
        for (int parallelRows : new int[] {200_000, Integer.MAX_VALUE}) {
            Halves.parallelRows = parallelRows;
            for (boolean combos : new boolean[] {true, false}) {
                Columns c = columns(false);
                ChangePoint.Whole whole = ChangePoint.whole(c);
                ChangePoint.Split split = ChangePoint.best(whole.series());
                ContrastTables tables = combos ? ComboTables.of(c, whole.bins()) : new DimensionTables(c, whole.bins());
                Contrast ct = new Contrast(tables, split.start(), split.end());
                RootCause.Result rc = RootCause.find(ct);
                assertThat(rc.culprit().attributes()).containsEntry("a", "y");
                byte[] mask = GroupRows.of(c.dims(), ct.cls, N, rc.dims(), rc.codes()).in;
                ChangePoint.Split own = ChangePoint.best(ChangePoint.series(
                        GroupBuckets.of(c, whole.bins(), ct.cls, ct.rows(rc.dims(), rc.codes()), whole.min(),
                                whole.max()), whole.bins().slots));
                for (boolean isNew : new boolean[] {false, true}) {
                    long from = isNew ? split.start() : own.start();
                    long[] scanned = Onset.scan(c.time(), ct.cls, mask, isNew, from, split.start());
                    assertThat(Onset.find(c, ct, rc, isNew, split.start(), whole.min(), whole.max()))
                            .containsExactly(scanned);
                    assertThat(scanned[1]).isGreaterThan(scanned[0]);
                }
            }
        }
    }

    /** The series computed row by row, each bucket's latencies counted in bins of its own. */
    private static ChangePoint.Series rowByRow(Columns c, long min, long max) {
        long[] grid = TimeBuckets.grid(min, max);
        int b = (int) grid[2];
        long[] counts = new long[b];
        long[] fails = new long[b];
        int[][] lat = new int[b][LatencyBins.MAX_SLOTS];
        for (int r = 0; r < c.n(); r++) {
            int i = (int) ((c.time()[r] - grid[0]) / grid[1]);
            counts[i]++;
            fails[i] += c.outcome()[r] == Values.OK ? 0 : 1;
            if (c.latency()[r] >= 0) {
                lat[i][LatencyBins.index(c.latency()[r])]++;
            }
        }
        int k = (int) Arrays.stream(counts).filter(x -> x > 0).count();
        long[] starts = new long[k];
        long[] cn = new long[k];
        double[] lp = new double[k];
        double[] fr = new double[k];
        int j = 0;
        for (int i = 0; i < b; i++) {
            if (counts[i] > 0) {
                starts[j] = grid[0] + i * grid[1];
                cn[j] = counts[i];
                int p = LatencyBins.percentile(lat[i], 0, LatencyBins.MAX_SLOTS, 0.95);
                lp[j] = p < 0 ? Double.NaN : Math.log(Math.max(1, p));
                fr[j] = (double) fails[i] / counts[i];
                j++;
            }
        }
        return new ChangePoint.Series(starts, lp, fr, cn, grid[1]);
    }
}
