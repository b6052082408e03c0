package dev.incidentbot.incident;

import dev.incidentbot.UserError;
import java.time.Duration;
import java.util.Locale;

/** The seed policy's four severities, each with its meaning and its response and resolution targets. */
public enum Severity {
    SEV1("CRITICAL", "Service down, model unavailable or 100% failure rate; customer-facing impact",
            "immediate (page on-call)", Duration.ZERO, Duration.ofMinutes(30)),
    SEV2("HIGH", "Significant degradation: 25-50% failure rate or accuracy drop over 10%; some customer impact",
            "under 30 minutes", Duration.ofMinutes(30), Duration.ofHours(2)),
    SEV3("MEDIUM", "Minor issue affecting some users: under 25% failure rate, a workaround exists",
            "under 2 hours", Duration.ofHours(2), Duration.ofDays(1)),
    SEV4("LOW", "No user impact: a non-critical bug or inconsistency",
            "under 1 day", Duration.ofDays(1), Duration.ofDays(7));

    private final String label;
    private final String meaning;
    private final String responseTarget;
    private final Duration response;
    private final Duration resolutionTarget;

    Severity(String label, String meaning, String responseTarget, Duration response, Duration resolutionTarget) {
        this.label = label;
        this.meaning = meaning;
        this.responseTarget = responseTarget;
        this.response = response;
        this.resolutionTarget = resolutionTarget;
    }

    /** Parses sev1..sev4, SEV2, 2, or the policy's words (critical, high, medium, low). */
    public static Severity parse(String raw) {
        Severity s = tryParse(raw);
        if (s == null) {
            throw new UserError("`" + raw + "` is not a severity: use sev1 (critical), sev2 (high), sev3 (medium) or sev4 (low).");
        }
        return s;
    }

    /** Like {@link #parse} but null when the word is not a severity, for optional trailing arguments. */
    public static Severity tryParse(String raw) {
        if (raw == null) {
            return null;
        }
        String w = raw.trim().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
        for (Severity s : values()) {
            if (w.equals(s.name()) || w.equals(s.label) || w.equals(s.name().substring(3)) || w.equals("P" + (s.ordinal() + 1))) {
                return s;
            }
        }
        return null;
    }

    /**
     * The policy's severity for the failure rate a log shows: (nearly) everything failing is SEV1 ("service down or
     * 100% failure rate"), 25% or more is SEV2 (the policy names 25-50%; more than half failing but not all is still
     * at least that), anything less SEV3. SEV4 means no user impact, which failing requests are not.
     */
    public static Severity forFailureRate(double rate) {
        if (rate >= ALL_FAILING) {
            return SEV1;
        }
        return rate >= 0.25 ? SEV2 : SEV3;
    }

    /** "100%" with room for the odd request that slipped through while the service was down. */
    static final double ALL_FAILING = 0.99;

    /** "SEV2 (HIGH)", as shown in notifications. */
    public String display() {
        return name() + " (" + label + ")";
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    public String responseTarget() {
        return responseTarget;
    }

    public Duration response() {
        return response;
    }

    public Duration resolutionTarget() {
        return resolutionTarget;
    }

    /** SEV1 and SEV2 page people and are announced broadly; the policy notifies the others by ticket. */
    public boolean isMajor() {
        return this == SEV1 || this == SEV2;
    }

    /** True when this severity is at least as urgent as {@code other} (SEV1 is the most urgent). */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** A rough resolution estimate for the notification, from the policy's resolution target. */
    public String resolutionTargetText() {
        long m = resolutionTarget.toMinutes();
        if (m < 60) {
            return m + " minutes";
        }
        if (m < 24 * 60) {
            return (m / 60) + (m == 60 ? " hour" : " hours");
        }
        return (m / (24 * 60)) + (m == 24 * 60 ? " day" : " days");
    }
}
