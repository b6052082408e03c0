package dev.incidentbot.alert;

import dev.incidentbot.alert.AlertPolicy.Action;
import dev.incidentbot.alert.AlertPolicy.GroupState;
import dev.incidentbot.alert.AlertPolicy.IncidentView;
import dev.incidentbot.alert.AlertPolicy.Plan;
import dev.incidentbot.alert.AlertRepository.AlertRow;
import dev.incidentbot.alert.AlertRepository.GroupRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deliveries of one group commit, decided together in arrival order: what the store knows of all their alerts
 * and groups is read in one query each, every decision sees what the earlier ones wrote, and the alert rows are
 * written in one batch before the commit.
 *
 * <p>Per delivery this replaces two lookups and an insert, each a Jdbi statement of its own, which with one alert
 * per delivery cost more than the alert itself. The decisions are the ones the deliveries would get one by one: the
 * in-memory view is the store plus this batch's own writes, and anything that needs the database's own answer (the
 * count of an incident's firing alerts) flushes the pending rows first.
 */
final class AlertBatch {
    /** Bounds one IN list (PostgreSQL takes at most 32,767 parameters in a statement). */
    private static final int IN_LIST = 1000;

    /** One alert group's part of one delivery. */
    record Delivery(String source, String groupKey, String hash, List<Alert> alerts) {
    }

    /** What the store knew before a delivery: its group (null if new) and its alerts already seen, by fingerprint. */
    record Known(GroupRow group, Map<String, StoredAlert> alerts) {
    }

    /** How a delivery was decided, and whether its alerts are already written (else its follow-up writes them). */
    record Decided(Known known, Plan plan, boolean stored) {
        /** Declaring or resolving comes next: the follow-up needs the writer to itself. */
        boolean needsWriterAlone() {
            return !stored && !plan.changed().isEmpty();
        }
    }

    private final AlertRepository repo;
    private final AlertPolicy policy;
    private final Instant now;
    private final Map<String, StoredAlert> alerts = new HashMap<>(); // source NUL fingerprint: stored or written here
    private final Map<String, GroupRow> groups = new HashMap<>(); // source NUL hash: absent when the store has none
    private final List<AlertRow> inserts = new ArrayList<>();
    private final List<AlertRow> updates = new ArrayList<>();

    AlertBatch(AlertRepository repo, AlertPolicy policy, Instant now) {
        this.repo = repo;
        this.policy = policy;
        this.now = now;
    }

    /** Reads the stored alerts and groups of all the deliveries: a query or two per source, not per delivery. */
    void prefetch(List<Delivery> deliveries) {
        Map<String, Set<String>> fingerprints = new LinkedHashMap<>();
        Map<String, Set<String>> hashes = new LinkedHashMap<>();
        for (Delivery d : deliveries) {
            hashes.computeIfAbsent(d.source(), k -> new LinkedHashSet<>()).add(d.hash());
            Set<String> fps = fingerprints.computeIfAbsent(d.source(), k -> new LinkedHashSet<>());
            for (Alert a : d.alerts()) {
                fps.add(a.fingerprint());
            }
        }
        fingerprints.forEach((source, fps) -> {
            for (List<String> part : parts(fps)) {
                for (StoredAlert s : repo.find(source, part)) {
                    alerts.put(key(source, s.fingerprint()), s);
                }
            }
        });
        hashes.forEach((source, hs) -> {
            for (List<String> part : parts(hs)) {
                for (GroupRow g : repo.findGroups(source, part)) {
                    groups.put(key(source, g.hash()), g);
                }
            }
        });
    }

    /**
     * Decides one delivery against the store as this batch left it. The common case (a re-delivery, or alerts joining
     * an open incident) is written here; declaring or resolving is left to the follow-up, after the commit.
     */
    Decided decide(Delivery d) {
        Map<String, StoredAlert> byFp = new HashMap<>();
        for (Alert a : d.alerts()) {
            StoredAlert s = alerts.get(key(d.source(), a.fingerprint()));
            if (s != null) {
                byFp.put(a.fingerprint(), s);
            }
        }
        GroupRow group = groups.get(key(d.source(), d.hash()));
        Known known = new Known(group, byFp);
        IncidentView view = group == null ? null : group.incident();
        int elsewhere = 0;
        if (view != null && view.open()) {
            elsewhere = -1;
            if (recoversAny(d.alerts(), byFp, view.id())) {
                // Counted only when a recovery may end the incident: in a storm of firing alerts this count would grow
                // with every alert. The delivery's own alerts are taken out; the policy counts them itself.
                flush();
                long mine = byFp.values().stream()
                        .filter(s -> s.status() == Alert.Status.FIRING && view.id().equals(s.incidentId())).count();
                elsewhere = repo.firing(view.id()) - (int) mine;
            }
        }
        Plan plan = policy.decide(d.alerts(), new GroupState(view, byFp, elsewhere));
        if (plan.changed().isEmpty() || plan.has(Action.DECLARE) || plan.has(Action.RESOLVE)) {
            return new Decided(known, plan, false);
        }
        String incidentId = view != null && view.open() ? view.id() : null;
        long groupId = AlertRows.group(repo, d.source(), d.groupKey(), d.hash(), group, incidentId, now);
        if (group == null) {
            groups.put(key(d.source(), d.hash()), new GroupRow(groupId, d.hash(), incidentId, null));
        }
        int from = inserts.size();
        int fromUpdates = updates.size();
        AlertRows.rows(d.source(), groupId, byFp, plan, incidentId, now, inserts, updates);
        remember(inserts.subList(from, inserts.size()));
        remember(updates.subList(fromUpdates, updates.size()));
        return new Decided(known, plan, true);
    }

    /** Writes the pending rows: inserts first, then updates in order, so an alert written twice ends as the latest. */
    void flush() {
        if (!inserts.isEmpty()) {
            repo.insert(List.copyOf(inserts));
            inserts.clear();
        }
        if (!updates.isEmpty()) {
            repo.update(List.copyOf(updates));
            updates.clear();
        }
    }

    private void remember(List<AlertRow> rows) {
        for (AlertRow r : rows) {
            alerts.put(key(r.source(), r.fingerprint()),
                    new StoredAlert(r.fingerprint(), Alert.Status.valueOf(r.status()), r.startsAt(), r.incidentId()));
        }
    }

    private static boolean recoversAny(List<Alert> alerts, Map<String, StoredAlert> known, String incidentId) {
        for (Alert a : alerts) {
            StoredAlert s = known.get(a.fingerprint());
            if (!a.firing() && s != null && s.status() == Alert.Status.FIRING && incidentId.equals(s.incidentId())) {
                return true;
            }
        }
        return false;
    }

    private static List<List<String>> parts(Set<String> values) {
        List<String> all = new ArrayList<>(values);
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_LIST) {
            parts.add(all.subList(i, Math.min(all.size(), i + IN_LIST)));
        }
        return parts;
    }

    private static String key(String source, String value) {
        return source + '\u0000' + value;
    }
}
