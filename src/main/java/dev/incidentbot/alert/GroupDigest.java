package dev.incidentbot.alert;

import dev.incidentbot.incident.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed in one alert group since its last post, merged by {@link StormControl} so a storm becomes one
 * message with counts. Lists keep a few examples; the counts keep the truth.
 *
 * @param incidentId      the group's incident, or null for a compact post in the channel
 * @param firing          examples of alerts that started firing (at most {@link #EXAMPLES})
 * @param resolved        examples of alerts that recovered
 * @param firingNow       firing alerts of the incident after the latest change (-1 when unknown)
 * @param allResolvedHuman every alert recovered but a person owns the incident, which stays open
 */
public record GroupDigest(String source, String groupKey, String incidentId, Severity severity, List<Alert> firing,
                          int firingCount, List<Alert> resolved, int resolvedCount, int firingNow,
                          boolean allResolvedHuman) {
    public static final int EXAMPLES = 5;

    public GroupDigest {
        firing = List.copyOf(firing.subList(0, Math.min(EXAMPLES, firing.size())));
        resolved = List.copyOf(resolved.subList(0, Math.min(EXAMPLES, resolved.size())));
    }

    /** What is coalesced together: the same group and the same incident (or none). */
    public String key() {
        return source + "\u0000" + groupKey + "\u0000" + incidentId;
    }

    /** This digest followed by a later one: counts add up, the latest state wins. */
    public GroupDigest merge(GroupDigest later) {
        List<Alert> f = new ArrayList<>(firing);
        f.addAll(later.firing);
        List<Alert> r = new ArrayList<>(resolved);
        r.addAll(later.resolved);
        Severity s = severity == null ? later.severity : later.severity == null || severity.atLeast(later.severity) ? severity : later.severity;
        return new GroupDigest(source, groupKey, incidentId, s, f,
                firingCount + later.firingCount, r, resolvedCount + later.resolvedCount, later.firingNow,
                later.allResolvedHuman || (allResolvedHuman && later.firingCount == 0));
    }

    /** The incident timeline's line for this digest. */
    public String timelineText() {
        List<String> parts = new ArrayList<>();
        if (firingCount > 0) {
            parts.add(firingCount + (firingCount == 1 ? " alert joined" : " alerts joined") + " (" + names(firing) + ")");
        }
        if (resolvedCount > 0) {
            parts.add(resolvedCount + (resolvedCount == 1 ? " alert recovered" : " alerts recovered") + " (" + names(resolved) + ")");
        }
        if (allResolvedHuman) {
            parts.add("all alerts recovered; left open for a person to resolve");
        } else if (firingNow >= 0) {
            parts.add(firingNow + " still firing");
        }
        return String.join("; ", parts);
    }

    private static String names(List<Alert> alerts) {
        return String.join(", ", alerts.stream().map(Alert::name).distinct().toList());
    }
}
