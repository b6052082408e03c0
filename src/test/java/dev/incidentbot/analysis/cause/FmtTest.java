package dev.incidentbot.analysis.cause;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Hand-written formatting gives what String.format and ISO formatting would. */
class FmtTest {

    @Test
    void numbers() {
        assertThat(Fmt.ms(750)).isEqualTo("750 ms");
        assertThat(Fmt.ms(62.96)).isEqualTo("63 ms");
        assertThat(Fmt.ms(3.25)).isEqualTo("3.3 ms");
        assertThat(Fmt.ms(0.854)).isEqualTo("0.85 ms");
        assertThat(Fmt.num(-2.5)).isEqualTo("-2.5");
        assertThat(Fmt.pct(0.8)).isEqualTo("80%");
        assertThat(Fmt.pct(0.0125)).isEqualTo("1.3%");
        assertThat(Fmt.pct(0.005)).isEqualTo("0.5%");
        assertThat(Fmt.ratio(7.4166)).isEqualTo("7.4×");
        assertThat(Fmt.ratio(13.2)).isEqualTo("13×");
        assertThat(Fmt.p(0.017857)).isEqualTo("0.0179");
        assertThat(Fmt.p(0.05)).isEqualTo("0.05");
        assertThat(Fmt.p(2.04e-206)).isEqualTo("2.0e-206");
        assertThat(Fmt.p(0)).isEqualTo("< 1e-300");
    }

    @Test
    void times() {
        assertThat(Fmt.time(Instant.parse("2025-08-01T18:06:00Z"))).isEqualTo("2025-08-01 18:06:00 UTC");
        assertThat(Fmt.time(Instant.parse("2000-02-29T00:00:09Z"))).isEqualTo("2000-02-29 00:00:09 UTC");
        assertThat(Fmt.iso(Instant.parse("2025-08-01T18:06:00Z"))).isEqualTo("2025-08-01T18:06:00Z");
        assertThat(Fmt.iso(Instant.parse("1969-12-31T23:59:59.250Z"))).isEqualTo("1969-12-31T23:59:59.250Z");
        assertThat(Fmt.duration(Duration.ofSeconds(75))).isEqualTo("1 min 15 s");
        assertThat(Fmt.duration(Duration.ofMinutes(114))).isEqualTo("1 h 54 min");
    }
}
