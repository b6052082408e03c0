package dev.incidentbot.analysis.cause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The tests behind "significant" give textbook values. */
class StatsTest {

    @Test
    void fisherExactOnTheSeedShape() {
        // 5 of 5 bad in the group, 0 of 3 elsewhere: one table in C(8,3) = 56 is as extreme
        assertThat(Stats.pGreater(5, 5, 0, 3)).isCloseTo(1.0 / 56, within(1e-9));
        assertThat(Stats.fisherGreater(2, 2, 5, 8)).isCloseTo(10.0 / 28, within(1e-9));
    }

    @Test
    void gTestOnLargeCountsIsOneSided() {
        double worse = Stats.pGreater(600, 10_000, 500, 10_000);
        double better = Stats.pGreater(400, 10_000, 500, 10_000);
        assertThat(worse).isLessThan(0.01);
        assertThat(better).isGreaterThan(0.99);
    }

    @Test
    void holmAdjustsStepDown() {
        assertThat(Stats.holm(new double[] {0.01, 0.04, 0.03})).containsExactly(new double[] {0.03, 0.06, 0.06},
                within(1e-12));
    }

    @Test
    void erfcMatchesKnownValues() {
        assertThat(Stats.erfc(0)).isCloseTo(1, within(1e-7));
        assertThat(Stats.erfc(1)).isCloseTo(0.157299207, within(1e-7));
        assertThat(Stats.erfc(-1)).isCloseTo(1.842700793, within(1e-7));
    }

    @Test
    void jensenShannonIsZeroForSameAndOneForDisjoint() {
        assertThat(Stats.jensenShannon(new long[] {5, 5}, new long[] {1, 1})).isCloseTo(0, within(1e-12));
        assertThat(Stats.jensenShannon(new long[] {5, 0}, new long[] {0, 5})).isCloseTo(1, within(1e-12));
    }
}
