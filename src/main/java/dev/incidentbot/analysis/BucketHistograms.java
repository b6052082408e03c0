package dev.incidentbot.analysis;

import java.util.Arrays;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Latency histograms for the change point's time buckets, made on first use and reset for the next series, so the
 * whole log's series and the culprit's own series share one set instead of allocating a second.
 */
final class BucketHistograms {
    private IntCountsHistogram[] pool = new IntCountsHistogram[0];
    private int used;

    /** Makes the first {@code buckets} histograms available, empty. */
    void reset(int buckets) {
        for (int i = 0; i < Math.min(used, pool.length); i++) {
            if (pool[i] != null) {
                pool[i].reset();
            }
        }
        if (pool.length < buckets) {
            pool = Arrays.copyOf(pool, buckets);
        }
        used = buckets;
    }

    /**
     * Bucket i's histogram. Int counts (half the memory of long ones) suffice: one bucket's count would need
     * more than 2^31 requests in a single 1% latency band of one time bucket.
     */
    IntCountsHistogram get(int i) {
        IntCountsHistogram h = pool[i];
        if (h == null) {
            h = new IntCountsHistogram(LatencySummary.DIGITS);
            pool[i] = h;
        }
        return h;
    }

    /** Nearest-rank percentile of bucket i, -1 when it holds no latency. */
    int percentile(int i, double q) {
        IntCountsHistogram h = pool[i];
        return h == null ? -1 : LatencySummary.percentileOf(h, q);
    }
}
