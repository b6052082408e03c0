package dev.incidentbot.alert;

import dev.incidentbot.incident.Severity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides, without side effects, what one notification's alerts of one group mean given what is already known:
 * ignore a re-delivery, declare an incident, attach to the open one, post a compact alert, resolve, or note.
 */
public final class AlertPolicy {

    /** What to do; a notification can need several (one alert joins while another recovers). */
    public enum Action {
        /** Nothing new: a re-delivery, a repeat or a late, stale message. */
        IGNORE,
        /** Open an incident for the group (an alert at or above the threshold fires and the group has none open). */
        DECLARE,
        /** New alerts join the group's open incident: noted in its thread. */
        ATTACH,
        /** Below the threshold and no incident: one compact post. */
        POST_COMPACT,
        /** The incident's last firing alert recovered and no person took it over: resolve it. */
        RESOLVE,
        /** Some of the incident's alerts recovered, others still fire. */
        NOTE_PARTIAL,
        /** Every alert recovered, but a person took the incident over: say so and leave it to them. */
        NOTE_ALL_RESOLVED_HUMAN
    }

    /** The group's incident as the policy needs it. */
    public record IncidentView(String id, boolean open, boolean humanTouched, Severity severity) {
    }

    /**
     * What is known before this notification.
     *
     * @param known           stored alerts of this notification, by fingerprint
     * @param firingElsewhere firing alerts of the group's open incident that are not in this notification; -1 when
     *                        not counted (the notification recovers none of its alerts, so the count cannot end it)
     */
    public record GroupState(IncidentView incident, Map<String, StoredAlert> known, int firingElsewhere) {
        boolean hasOpenIncident() {
            return incident != null && incident.open();
        }
    }

    /**
     * The decision.
     *
     * @param severity       the most urgent severity among newly firing alerts (the declared severity); null if none
     * @param changed        alerts whose state changed, to be stored (re-deliveries are not)
     * @param newlyFiring    alerts that started firing (new, or fired again after recovering)
     * @param newlyResolved  alerts that recovered
     * @param firingAfter    firing alerts of the group's incident once this notification is applied; -1 when not counted
     */
    public record Plan(Set<Action> actions, Severity severity, List<Alert> changed, List<Alert> newlyFiring,
                       List<Alert> newlyResolved, int duplicates, int firingAfter, Map<String, Severity> severities) {
        public boolean has(Action a) {
            return actions.contains(a);
        }
    }

    private final SeverityRules rules;

    public AlertPolicy(SeverityRules rules) {
        this.rules = rules;
    }

    public SeverityRules rules() {
        return rules;
    }

    /** Decides for the alerts of one group (all with the same source and group key). */
    public Plan decide(List<Alert> alerts, GroupState state) {
        List<Alert> changed = new ArrayList<>();
        List<Alert> newlyFiring = new ArrayList<>();
        List<Alert> newlyResolved = new ArrayList<>();
        List<Alert> resolvedOfOpenIncident = new ArrayList<>();
        Map<String, Severity> severities = new HashMap<>();
        Map<String, Alert> latest = new java.util.LinkedHashMap<>();
        for (Alert a : alerts) {
            latest.put(a.fingerprint(), a); // one notification may repeat an alert; its last word counts
        }
        int duplicates = alerts.size() - latest.size();
        String openId = state.hasOpenIncident() ? state.incident().id() : null;
        boolean counted = state.firingElsewhere() >= 0;
        int firingInIncident = Math.max(0, state.firingElsewhere());
        Severity top = null;
        for (Alert a : latest.values()) {
            StoredAlert known = state.known().get(a.fingerprint());
            Change c = change(a, known);
            if (c == Change.NONE) {
                duplicates++;
                if (openId != null && known.status() == Alert.Status.FIRING && openId.equals(known.incidentId())) {
                    firingInIncident++;
                }
                continue;
            }
            changed.add(a);
            Severity s = rules.severityOf(a);
            severities.put(a.fingerprint(), s);
            if (c == Change.FIRED) {
                newlyFiring.add(a);
                top = top == null || s.atLeast(top) ? s : top;
                if (openId != null) {
                    firingInIncident++;
                }
            } else if (c == Change.RECOVERED) {
                newlyResolved.add(a);
                if (openId != null && openId.equals(known.incidentId())) {
                    resolvedOfOpenIncident.add(a);
                }
            }
        }
        Set<Action> actions = EnumSet.noneOf(Action.class);
        if (openId != null) {
            if (!newlyFiring.isEmpty()) {
                actions.add(Action.ATTACH);
            }
            if (!resolvedOfOpenIncident.isEmpty()) {
                if (!counted || firingInIncident > 0) {
                    actions.add(Action.NOTE_PARTIAL);
                } else {
                    actions.add(state.incident().humanTouched() ? Action.NOTE_ALL_RESOLVED_HUMAN : Action.RESOLVE);
                }
            }
        } else {
            if (top != null && rules.declares(top)) {
                actions.add(Action.DECLARE);
                firingInIncident = newlyFiring.size();
            } else {
                if (!newlyFiring.isEmpty()) {
                    actions.add(Action.POST_COMPACT);
                }
                // A recovery is worth a compact post only when the alert was posted compactly, not as a now-closed incident.
                if (newlyResolved.stream().anyMatch(a -> state.known().get(a.fingerprint()).incidentId() == null)) {
                    actions.add(Action.POST_COMPACT);
                }
            }
        }
        if (actions.isEmpty()) {
            actions.add(Action.IGNORE);
        }
        int after = actions.contains(Action.DECLARE) ? firingInIncident : openId == null ? 0 : counted ? firingInIncident : -1;
        return new Plan(actions, top, changed, newlyFiring, newlyResolved, duplicates, after, severities);
    }

    private enum Change { NONE, FIRED, RECOVERED, RECORD_ONLY }

    /**
     * How an incoming alert differs from what is stored. Same state (and same episode) is a re-delivery; a firing
     * message for an episode that already ended, or a resolution of an older episode, is stale and ignored.
     */
    private static Change change(Alert a, StoredAlert known) {
        if (known == null) {
            return a.firing() ? Change.FIRED : Change.RECORD_ONLY;
        }
        if (known.status() == a.status()) {
            return Change.NONE;
        }
        if (a.startsAt() == null || known.startsAt() == null) {
            return a.firing() ? Change.FIRED : Change.RECOVERED;
        }
        // Whole seconds: Alertmanager sends the same start with and without nanoseconds (captured with amtool).
        Instant incoming = a.startsAt().truncatedTo(ChronoUnit.SECONDS);
        Instant stored = known.startsAt().truncatedTo(ChronoUnit.SECONDS);
        if (a.firing()) {
            // Fired again after recovering: a new episode has a later start; the same start is a late re-delivery.
            return incoming.isAfter(stored) ? Change.FIRED : Change.NONE;
        }
        return incoming.isBefore(stored) ? Change.NONE : Change.RECOVERED;
    }

    /** The incident title for a group's first firing alerts: "Name: summary", or "Name: N alerts firing (labels)". */
    public static String title(List<Alert> firing) {
        Alert first = firing.get(0);
        String name = first.name();
        if (firing.size() == 1 || firing.stream().allMatch(a -> Objects.equals(a.summary(), first.summary()))) {
            String s = first.summary();
            return s == null || s.equals(name) ? name : name + ": " + s;
        }
        String service = first.labels().get("service");
        boolean sameService = service != null && firing.stream().allMatch(a -> service.equals(a.labels().get("service")));
        return name + ": " + firing.size() + " alerts firing" + (sameService ? " on " + service : "");
    }

    /** The incident description: the first alert's description, else its summary. */
    public static String description(List<Alert> firing) {
        Alert first = firing.get(0);
        String d = first.annotations().get("description");
        return d != null && !d.isBlank() ? d : first.summary();
    }

}
