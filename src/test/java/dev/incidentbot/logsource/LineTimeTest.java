package dev.incidentbot.logsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A line's own time as LineTime finds it equals what java.time parses from the same stamp, and text without a stamp has none. */
class LineTimeTest {

    private static long of(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return LineTime.of(b, 0, b.length);
    }

    private static long iso(String stamp) {
        return OffsetDateTime.parse(stamp).toInstant().toEpochMilli();
    }

    @Test
    void isoWithZuluOrColonOffset() {
        assertThat(of("{\"ts\":\"2026-12-03T10:29:56Z\",\"msg\":\"x\"}")).isEqualTo(Instant.parse("2026-12-03T10:29:56Z").toEpochMilli());
        assertThat(of("2026-12-03T10:29:56.123+02:00 INFO started")).isEqualTo(iso("2026-12-03T10:29:56.123+02:00"));
        assertThat(of("2026-12-03T01:29:56-05:30 WARN")).isEqualTo(iso("2026-12-03T01:29:56-05:30"));
    }

    @Test
    void isoWithCompactOffset() {
        long expected = OffsetDateTime.parse("2026-12-03T10:29:56+0200", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXX"))
                .toInstant().toEpochMilli();
        assertThat(of("2026-12-03T10:29:56+0200 GET /api")).isEqualTo(expected);
        long minus = OffsetDateTime.parse("2026-12-03T10:29:56-0730", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXX"))
                .toInstant().toEpochMilli();
        assertThat(of("2026-12-03T10:29:56-0730")).isEqualTo(minus);
    }

    @Test
    void fractionsOfOneToNineDigitsAreTruncatedToMillis() {
        String digits = "987654321";
        for (int k = 1; k <= 9; k++) {
            String stamp = "2026-12-03T10:29:56." + digits.substring(0, k) + "Z";
            assertThat(of("{\"time\":\"" + stamp + "\"}")).as(stamp).isEqualTo(Instant.parse(stamp).toEpochMilli());
            String offset = "2026-12-03T10:29:56." + digits.substring(0, k) + "+01:00";
            assertThat(of(offset + " x")).as(offset).isEqualTo(iso(offset));
        }
    }

    @Test
    void spaceSeparatorCommaFractionAndNoOffsetMeanUtc() {
        long utc = LocalDateTime.parse("2026-12-03T10:29:56.789").toInstant(ZoneOffset.UTC).toEpochMilli();
        assertThat(of("2026-12-03 10:29:56,789 ERROR [main] boom")).isEqualTo(utc);
        assertThat(of("2026-12-03 10:29:56.789 ERROR")).isEqualTo(utc);
        assertThat(of("2026-12-03 10:29:56+02:00 x")).isEqualTo(iso("2026-12-03T10:29:56+02:00"));
    }

    @Test
    void commonLogFormat() {
        DateTimeFormatter clf = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
        assertThat(of("127.0.0.1 - - [03/Dec/2026:10:29:56 +0000] \"GET / HTTP/1.1\" 200 512"))
                .isEqualTo(OffsetDateTime.parse("03/Dec/2026:10:29:56 +0000", clf).toInstant().toEpochMilli());
        assertThat(of("10.1.2.3 - bob [29/Feb/2028:23:59:59 -0700] \"POST /x\" 500"))
                .isEqualTo(OffsetDateTime.parse("29/Feb/2028:23:59:59 -0700", clf).toInstant().toEpochMilli());
        assertThat(of("1.2.3.4 - - [03/Xyz/2026:10:29:56 +0000] \"GET /\"")).isEqualTo(LineTime.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello world", "time,service,status,latency_ms", "    at dev.incidentbot.Foo.bar(Foo.java:42)",
            "request 1733221796000 done in 35 ms", "20261203102956 id", "12345678901234567890123",
            "2026-13-03T10:29:56Z bad month", "2026-12-03T25:29:56Z bad hour", "2026-12-03X10:29:56Z", "v2026-12-0"})
    void noTime(String line) {
        assertThat(of(line)).isEqualTo(LineTime.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2038-01-19T03:14:08Z", "2099-12-31T23:59:59.999Z", "2100-03-01T00:00:00Z", "2400-02-29T12:00:00Z",
            "9999-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2028-02-29T00:00:00Z"})
    void timesPast2038AndAroundLeapDaysMatchJavaTime(String stamp) {
        assertThat(of("{\"@timestamp\":\"" + stamp + "\"}")).isEqualTo(Instant.parse(stamp).toEpochMilli());
    }

    @Test
    void theFirstStampWinsAndDigitsJustBeforeItDoNotMakeOne() {
        assertThat(of("id=42 at 2026-12-03T10:29:56Z then 2027-01-01T00:00:00Z"))
                .isEqualTo(Instant.parse("2026-12-03T10:29:56Z").toEpochMilli());
        assertThat(of("x12026-12-03T10:29:56Z")).isEqualTo(LineTime.NONE);
    }

    @Test
    void onlyTheGivenRangeAndItsFirstBytesAreSearched() {
        byte[] b = "2026-01-01T00:00:00Z a\n2026-12-03T10:29:56Z b\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(LineTime.of(b, 23, b.length)).isEqualTo(Instant.parse("2026-12-03T10:29:56Z").toEpochMilli());
        assertThat(LineTime.of(b, 0, 15)).as("stamp cut by the range end").isEqualTo(LineTime.NONE);
        String far = "x".repeat(LineTime.SCAN) + " 2026-12-03T10:29:56Z";
        assertThat(of(far)).isEqualTo(LineTime.NONE);
    }
}
