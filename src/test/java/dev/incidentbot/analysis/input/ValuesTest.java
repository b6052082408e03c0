package dev.incidentbot.analysis.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Timestamps, latencies and outcomes are read from bytes the way logs write them. */
class ValuesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2025-08-01T18:06:00Z|2025-08-01T18:06:00Z",
        "2025-08-01T18:06:00.250Z|2025-08-01T18:06:00.250Z",
        "2025-08-01 18:06:00|2025-08-01T18:06:00Z",
        "2025-08-01T20:06:00+02:00|2025-08-01T18:06:00Z",
        "2025-08-01T13:06:00-0500|2025-08-01T18:06:00Z",
        "01/Aug/2025:18:06:00 +0000|2025-08-01T18:06:00Z",
        "01/Aug/2025:20:06:00 +0200|2025-08-01T18:06:00Z",
        "1754071560|2025-08-01T18:06:00Z",
        "1754071560.5|2025-08-01T18:06:00.500Z",
        "1754071560000|2025-08-01T18:06:00Z",
        "1754071560000000|2025-08-01T18:06:00Z"})
    void parsesTimestamps(String raw, String expected) {
        byte[] v = b(raw);
        assertThat(Instant.ofEpochMilli(Values.parseTime(v, 0, v.length))).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"yesterday", "12", "2025-13-45", "''"})
    void rejectsWhatIsNotATime(String raw) {
        byte[] v = b(raw);
        assertThat(Values.parseTime(v, 0, v.length)).isEqualTo(Values.NO_TIME);
    }

    @ParameterizedTest
    @CsvSource({
        "120, 1000, 120000",
        "63.0ms, 1000, 63000",
        "1.2s, 1000, 1200000",
        "850us, 1000, 850",
        "0.045, 1000000, 45000",
        "2m, 1000, 120000000",
        "1.5e2, 1000, 150000"})
    void parsesLatencies(String raw, double unit, int micros) {
        byte[] v = b(raw);
        assertThat(Values.parseLatency(v, 0, v.length, unit)).isEqualTo(micros);
    }

    @ParameterizedTest
    @CsvSource({"fast, 1000", "-5, 1000", "12parsecs, 1000"})
    void rejectsWhatIsNotALatency(String raw, double unit) {
        byte[] v = b(raw);
        assertThat(Values.parseLatency(v, 0, v.length, unit)).isEqualTo(Values.NO_LATENCY);
    }

    @ParameterizedTest
    @CsvSource({
        "OK, status, 0", "200, status, 0", "404, status, 0", "Timeout, status, 2", "TIMEOUT, status, 2",
        "Error, status, 1", "500, status, 1", "503, code, 1", "429, status, 1", "504, status, 2",
        "false, success, 1", "true, success, 0", "true, error, 1", "false, error, 0", "error, level, 1",
        "warn, level, 0", "DEADLINE_EXCEEDED, grpc_status, 2", "failed, result, 1"})
    void classifiesOutcomes(String raw, String field, int expected) {
        assertThat(Values.classifyOutcome(raw, field)).isEqualTo((byte) expected);
    }

    @ParameterizedTest
    @CsvSource({"75, 1000", "0, 1", "999999999, 1000", "2147483, 1000", "2147484, 1000", "999999999, 1000000",
        "12.5, 1000", "7ms, 1000", "'', 1000", "1234567890, 1000", "-5, 1000", "1e3, 1000", "42 , 1"})
    void wholeLatenciesReadAsParseLatencyDoes(String raw, long unit) {
        byte[] v = b(raw);
        assertThat(Values.wholeLatency(v, 0, v.length, unit, unit))
                .isEqualTo(Values.parseLatency(v, 0, v.length, unit));
    }
}
