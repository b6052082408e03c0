package dev.incidentbot.analysis.changepoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rise is found, and a recovery only when the series returns towards where it was before, over more than a
 * couple of requests (per-record series of small logs).
 */
class ChangePointTest {

    private static ChangePoint.Split split(double[] latencyMs, double[] failed) {
        int b = latencyMs.length;
        long[] starts = new long[b];
        double[] lp = new double[b];
        long[] counts = new long[b];
        for (int i = 0; i < b; i++) {
            starts[i] = i * 1000L;
            lp[i] = Math.log(latencyMs[i]);
            counts[i] = 1;
        }
        return ChangePoint.best(new ChangePoint.Series(starts, lp, failed, counts, 0));
    }

    /** 100 requests at about 100 ms, then 200 at about level ms, the last 100 back at 100 ms when it recovers. */
    private static double[] latencies(boolean recovers, double level) {
        double[] x = new double[300];
        Random rnd = new Random(7);
        for (int i = 0; i < x.length; i++) {
            double ms = i < 100 || recovers && i >= 200 ? 100 : level;
            x[i] = ms * Math.exp(rnd.nextGaussian() * 0.2);
        }
        return x;
    }

    @Test
    void aReturnToTheEarlierLevelEndsTheIncident() {
        ChangePoint.Split s = split(latencies(true, 400), new double[300]);
        assertThat(s.start()).isEqualTo(100_000L);
        assertThat(s.end()).isEqualTo(200_000L);
    }

    @Test
    void failuresThatStopWhileLatencyStaysHighAreNoRecovery() {
        double[] failed = new double[300];
        for (int i = 100; i < 120; i += 2) {
            failed[i] = 1; // the first minutes also fail, then only the slowness stays
        }
        // a modest lasting slowdown (30%) next to the failures' short burst, which makes a strong downward split
        ChangePoint.Split s = split(latencies(false, 130), failed);
        assertThat(s.start()).isBetween(95_000L, 105_000L);
        assertThat(s.end()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void twoTimeoutsAreNoRegimeOfTheirOwn() {
        double[] x = latencies(false, 400);
        double[] failed = new double[300];
        x[100] = 3000;
        x[101] = 2500;
        failed[100] = 1;
        failed[101] = 1;
        ChangePoint.Split s = split(x, failed);
        assertThat(s.start()).isEqualTo(100_000L);
        assertThat(s.end()).isEqualTo(Long.MAX_VALUE);
    }
}
