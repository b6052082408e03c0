package dev.incidentbot.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The rise is found, and a recovery only when the series returns towards where it was before. */
class ChangePointTest {

    private static ChangePoint.Split split(double[] latencyMs) {
        int b = latencyMs.length;
        long[] starts = new long[b];
        double[] lp = new double[b];
        long[] counts = new long[b];
        for (int i = 0; i < b; i++) {
            starts[i] = i * 1000L;
            lp[i] = Math.log(latencyMs[i]);
            counts[i] = 1;
        }
        return ChangePoint.best(new ChangePoint.Series(starts, lp, new double[b], counts, 0));
    }

    /** 100 at about 100 ms, then 100 at about 400 ms, then (optionally) 100 back at about 100 ms. */
    private static double[] series(boolean recovers) {
        double[] x = new double[300];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < x.length; i++) {
            double level = i < 100 || recovers && i >= 200 ? 100 : 400;
            x[i] = level * Math.exp(rnd.nextGaussian() * 0.2);
        }
        return x;
    }

    @Test
    void aReturnToTheEarlierLevelEndsTheIncident() {
        ChangePoint.Split s = split(series(true));
        assertThat(s.start()).isEqualTo(100_000L);
        assertThat(s.end()).isEqualTo(200_000L);
    }

    @Test
    void aDipThatStaysAboveTheEarlierLevelIsNoRecovery() {
        double[] x = series(false);
        // the incident's first stretch is worse still, then it settles at its own (still raised) level
        for (int i = 100; i < 130; i++) {
            x[i] *= 2;
        }
        ChangePoint.Split s = split(x);
        assertThat(s.start()).isEqualTo(100_000L);
        assertThat(s.end()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void twoRequestsAreNoRegime() {
        double[] x = series(false);
        x[100] = 4000; // a timeout just as the incident starts
        x[101] = 3000;
        ChangePoint.Split s = split(x);
        assertThat(s.end()).as(Arrays.toString(new long[] {s.start(), s.end()})).isEqualTo(Long.MAX_VALUE);
    }
}
