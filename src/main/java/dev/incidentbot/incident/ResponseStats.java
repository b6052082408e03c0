package dev.incidentbot.incident;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Time to acknowledge and to resolve per severity (median, p90, share within the policy's target) and incidents per week. */
public final class ResponseStats {

    /** The figures of one severity; durations are null when no incident has one yet. */
    public record Row(Severity severity, int incidents, int acknowledged, Duration ackMedian, Duration ackP90, double ackWithinTarget,
                      int resolved, Duration resolveMedian, Duration resolveP90, double resolveWithinTarget) {
    }

    /** Incidents declared in the ISO week (Monday, UTC) starting on {@code monday}. */
    public record Week(LocalDate monday, int incidents) {
    }

    private ResponseStats() {
    }

    /** One row per severity, SEV1 first, each against {@link Severity#response()} and {@link Severity#resolutionTarget()}. */
    public static List<Row> bySeverity(List<ResponseTimes> times) {
        Map<Severity, List<ResponseTimes>> by = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            by.put(s, new ArrayList<>());
        }
        times.forEach(t -> by.get(t.severity()).add(t));
        List<Row> rows = new ArrayList<>();
        by.forEach((sev, list) -> {
            List<Duration> ack = new ArrayList<>();
            List<Duration> res = new ArrayList<>();
            for (ResponseTimes t : list) {
                if (t.acknowledgedAt() != null) {
                    ack.add(nonNegative(Duration.between(t.declaredAt(), t.acknowledgedAt())));
                }
                if (t.resolvedAt() != null) {
                    res.add(nonNegative(Duration.between(t.declaredAt(), t.resolvedAt())));
                }
            }
            ack.sort(null);
            res.sort(null);
            rows.add(new Row(sev, list.size(), ack.size(), quantile(ack, 0.5), quantile(ack, 0.9), within(ack, sev.response()),
                    res.size(), quantile(res, 0.5), quantile(res, 0.9), within(res, sev.resolutionTarget())));
        });
        return rows;
    }

    /** Incidents per week for the {@code weeks} weeks up to and including the one holding {@code now}, oldest first. */
    public static List<Week> perWeek(List<ResponseTimes> times, Instant now, int weeks) {
        LocalDate thisMonday = monday(now);
        Map<LocalDate, Integer> counts = new LinkedHashMap<>();
        for (int i = weeks - 1; i >= 0; i--) {
            counts.put(thisMonday.minusWeeks(i), 0);
        }
        for (ResponseTimes t : times) {
            counts.computeIfPresent(monday(t.declaredAt()), (k, v) -> v + 1);
        }
        List<Week> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new Week(k, v)));
        return out;
    }

    /** The Monday (UTC) of the week holding {@code at}. */
    public static LocalDate monday(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The nearest-rank quantile of sorted durations; null for none. */
    static Duration quantile(List<Duration> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** The share (0..1) within the target; NaN for none. SEV1's "immediate" target counts the first minute as within. */
    static double within(List<Duration> durations, Duration target) {
        if (durations.isEmpty()) {
            return Double.NaN;
        }
        Duration limit = target.isZero() ? Duration.ofMinutes(1) : target;
        return durations.stream().filter(d -> d.compareTo(limit) <= 0).count() / (double) durations.size();
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
