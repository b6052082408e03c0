package dev.incidentbot.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one wording of durations that every message and report uses. */
class DurationWordsTest {
    @Test
    void theLargestUnitAndTheNextWhenItIsNotZero() {
        assertThat(DurationWords.of(Duration.ofSeconds(0))).isEqualTo("0 seconds");
        assertThat(DurationWords.of(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(DurationWords.of(Duration.ofSeconds(45))).isEqualTo("45 seconds");
        assertThat(DurationWords.of(Duration.ofSeconds(90))).isEqualTo("1 minute 30 seconds");
        assertThat(DurationWords.of(Duration.ofMinutes(15))).isEqualTo("15 minutes");
        assertThat(DurationWords.of(Duration.ofMinutes(60))).isEqualTo("1 hour");
        assertThat(DurationWords.of(Duration.ofMinutes(150))).isEqualTo("2 hours 30 minutes");
        assertThat(DurationWords.of(Duration.ofHours(47).plusMinutes(59).plusSeconds(59))).isEqualTo("47 hours 59 minutes");
        assertThat(DurationWords.of(Duration.ofHours(76))).isEqualTo("3 days 4 hours");
        assertThat(DurationWords.of(Duration.ofDays(2))).isEqualTo("2 days");
    }

    @Test
    void aNegativeDurationReadsAsZero() {
        assertThat(DurationWords.of(Duration.ofSeconds(-5))).isEqualTo("0 seconds");
    }
}
