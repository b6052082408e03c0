package dev.incidentbot.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Medians, p90s and shares within the policy's targets, and the weekly counts, from hand-made response times. */
class ResponseStatsTest {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z"); // a Monday

    static ResponseTimes times(Severity s, Instant declared, Duration ack, Duration resolve) {
        return new ResponseTimes("INC", s, declared, ack == null ? null : declared.plus(ack), resolve == null ? null : declared.plus(resolve));
    }

    @Test
    void medianAndP90AreNearestRankOverTheIncidentsThatHaveTheFigure() {
        List<ResponseTimes> t = new ArrayList<>();
        for (int m = 1; m <= 10; m++) { // SEV3 resolved after 1..10 hours, acknowledged after 1..10 minutes
            t.add(times(Severity.SEV3, T0, Duration.ofMinutes(m), Duration.ofHours(m)));
        }
        t.add(times(Severity.SEV3, T0, null, null)); // still open, nobody acted: counted, but in no duration
        ResponseStats.Row sev3 = ResponseStats.bySeverity(t).get(2);
        assertThat(sev3.severity()).isEqualTo(Severity.SEV3);
        assertThat(sev3.incidents()).isEqualTo(11);
        assertThat(sev3.acknowledged()).isEqualTo(10);
        assertThat(sev3.ackMedian()).isEqualTo(Duration.ofMinutes(5));
        assertThat(sev3.ackP90()).isEqualTo(Duration.ofMinutes(9));
        assertThat(sev3.resolved()).isEqualTo(10);
        assertThat(sev3.resolveMedian()).isEqualTo(Duration.ofHours(5));
        assertThat(sev3.resolveP90()).isEqualTo(Duration.ofHours(9));
        assertThat(sev3.ackWithinTarget()).isEqualTo(1.0); // all under the 2-hour response target
        assertThat(sev3.resolveWithinTarget()).isEqualTo(1.0); // all within a day
    }

    @Test
    void sharesWithinTargetUseEachSeveritysPolicy() {
        List<ResponseTimes> t = List.of(
                times(Severity.SEV1, T0, Duration.ofSeconds(30), Duration.ofMinutes(20)),
                times(Severity.SEV1, T0, Duration.ofMinutes(5), Duration.ofMinutes(31)),
                times(Severity.SEV2, T0, Duration.ofMinutes(31), Duration.ofHours(1)));
        List<ResponseStats.Row> rows = ResponseStats.bySeverity(t);
        assertThat(rows).extracting(ResponseStats.Row::severity).containsExactly(Severity.values());
        assertThat(rows.get(0).ackWithinTarget()).isEqualTo(0.5);     // "immediate": the first minute
        assertThat(rows.get(0).resolveWithinTarget()).isEqualTo(0.5); // 30 minutes
        assertThat(rows.get(1).ackWithinTarget()).isEqualTo(0.0);     // under 30 minutes
        assertThat(rows.get(1).resolveWithinTarget()).isEqualTo(1.0); // 2 hours
        assertThat(rows.get(3).incidents()).isZero();
        assertThat(rows.get(3).resolveMedian()).isNull();
        assertThat(rows.get(3).resolveWithinTarget()).isNaN();
    }

    @Test
    void incidentsPerWeekCountFromMondayUtcOldestFirstWithEmptyWeeks() {
        Instant now = Instant.parse("2026-03-18T09:00:00Z"); // Wednesday of the week of 16 March
        List<ResponseTimes> t = List.of(
                times(Severity.SEV2, Instant.parse("2026-03-01T23:59:59Z"), null, null), // Sunday: week of 23 Feb, outside
                times(Severity.SEV2, Instant.parse("2026-03-02T00:00:00Z"), null, null),
                times(Severity.SEV4, Instant.parse("2026-03-08T23:00:00Z"), null, null),
                times(Severity.SEV1, Instant.parse("2026-03-16T00:30:00Z"), null, null));
        assertThat(ResponseStats.perWeek(t, now, 3)).containsExactly(
                new ResponseStats.Week(LocalDate.parse("2026-03-02"), 2),
                new ResponseStats.Week(LocalDate.parse("2026-03-09"), 0),
                new ResponseStats.Week(LocalDate.parse("2026-03-16"), 1));
    }
}
