package dev.incidentbot.analysis.changepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

/** Latency summaries and bins: exact while small, HdrHistogram's buckets and percentiles beyond. */
class LatencySummaryTest {
    @Test
    void latencySummaryIsExactSmallAndCloseLarge() {
        LatencySummary s = new LatencySummary();
        for (int v : new int[] {120_000, 90_000, 95_000}) {
            s.add(v);
        }
        assertThat(s.percentile(0.5)).isEqualTo(95_000);
        assertThat(s.exact()).isTrue();
        LatencySummary big = new LatencySummary();
        for (int i = 1; i <= 100_000; i++) {
            big.add(i * 10);
        }
        assertThat(big.exact()).isFalse();
        assertThat((double) big.percentile(0.95)).isCloseTo(950_000, within(950_000 * 0.04));
        assertThat(big.max()).isEqualTo(1_000_000);
    }

    @Test
    void latencySummaryStaysExactUpToTheLimitThenHistogramWithinOnePercent() {
        LatencySummary s = new LatencySummary();
        for (int i = LatencySummary.EXACT; i >= 1; i--) {
            s.add(i * 7);
        }
        assertThat(s.exact()).isTrue();
        assertThat(s.percentile(0.95)).isEqualTo((int) Math.ceil(0.95 * LatencySummary.EXACT) * 7);
        s.add(1);
        assertThat(s.exact()).isFalse();
        // rank 2049 of 4097 values is 2048 * 7 (the added 1 is first)
        assertThat((double) s.percentile(0.5)).isCloseTo(2048 * 7, within(2048 * 7 * 0.01));
    }

    @Test
    void mergedSummariesMatchOneFedWithBoth() {
        LatencySummary a = new LatencySummary();
        LatencySummary b = new LatencySummary();
        LatencySummary both = new LatencySummary();
        for (int i = 0; i < 10_000; i++) {
            int v = 1_000 + (i * 7919) % 500_000;
            (i % 3 == 0 ? a : b).add(v);
            both.add(v);
        }
        LatencySummary m = LatencySummary.merge(a, b);
        assertThat(m.count()).isEqualTo(both.count());
        assertThat(m.min()).isEqualTo(both.min());
        assertThat(m.max()).isEqualTo(both.max());
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            assertThat(m.percentile(q)).isEqualTo(both.percentile(q));
        }
    }

    @Test
    void binsFollowHdrHistogramsBucketsForEveryMagnitude() {
        IntCountsHistogram h = new IntCountsHistogram(LatencySummary.DIGITS);
        java.util.Random rnd = new java.util.Random(7);
        for (int k = 0; k < 200_000; k++) {
            int v = k < 70_000 ? k : rnd.nextInt(Integer.MAX_VALUE);
            int i = LatencyBins.index(v);
            assertThat(LatencyBins.value(i)).isEqualTo(h.lowestEquivalentValue(v));
            assertThat((long) LatencyBins.size(i)).isEqualTo(h.sizeOfEquivalentValueRange(v));
        }
        assertThat(LatencyBins.index(Integer.MAX_VALUE)).isLessThan(LatencyBins.MAX_SLOTS);
    }

    @Test
    void binPercentilesAreWhatHdrHistogramReports() {
        java.util.Random rnd = new java.util.Random(11);
        for (int round = 0; round < 300; round++) {
            IntCountsHistogram h = new IntCountsHistogram(LatencySummary.DIGITS);
            int[] bins = new int[3200];
            int n = 1 + rnd.nextInt(round < 100 ? 20 : 50_000);
            int scale = 1 + rnd.nextInt(round % 3 == 0 ? 300 : 30_000_000);
            for (int k = 0; k < n; k++) {
                int v = rnd.nextInt(10) == 0 ? rnd.nextInt(scale) * 3 : rnd.nextInt(scale);
                h.recordValue(v);
                bins[LatencyBins.index(v)]++;
            }
            for (double q : new double[] {0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0}) {
                long v = h.medianEquivalentValue(h.getValueAtPercentile(q * 100));
                long expected = Math.max(h.getMinValue(), Math.min(h.getMaxValue(), v));
                assertThat(LatencyBins.percentile(bins, 0, bins.length, q)).as("round %d q %s", round, q)
                        .isEqualTo((int) expected);
                assertThat(LatencyBins.percentileFromTop(bins, 0, bins.length, q, n)).as("round %d q %s", round, q)
                        .isEqualTo((int) expected);
            }
        }
        assertThat(LatencyBins.percentile(new int[5], 0, 5, 0.95)).isEqualTo(-1);
    }
}
