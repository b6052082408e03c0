package dev.incidentbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A store that does not answer leaves the store-backed figures NaN instead of failing the whole scrape. */
class StoreMetricsTest {
    @Test
    void aCountIsItsValueAndAFailingStoreGivesNaN() {
        assertThat(StoreMetrics.read(() -> 7L)).isEqualTo(7.0);
        assertThat(StoreMetrics.read(() -> {
            throw new IllegalStateException("connection refused");
        })).isNaN();
    }
}
