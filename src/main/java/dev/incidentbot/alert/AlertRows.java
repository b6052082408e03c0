package dev.incidentbot.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentbot.alert.AlertPolicy.Action;
import dev.incidentbot.alert.AlertPolicy.Plan;
import dev.incidentbot.alert.AlertRepository.AlertRow;
import dev.incidentbot.alert.AlertRepository.GroupRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Writes what a delivery changed: the group row, and each changed alert inserted or updated. */
final class AlertRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertRows() {
    }

    /** Stores the plan's changed alerts (inserted or updated) and links the group to its incident. */
    static void write(AlertRepository repo, String source, String groupKey, String hash, GroupRow group,
                      Map<String, StoredAlert> known, Plan plan, String incidentId, Instant now) {
        long groupId = group(repo, source, groupKey, hash, group, incidentId, now);
        List<AlertRow> inserts = new ArrayList<>();
        List<AlertRow> updates = new ArrayList<>();
        rows(source, groupId, known, plan, incidentId, now, inserts, updates);
        if (!inserts.isEmpty()) {
            repo.insert(inserts);
        }
        if (!updates.isEmpty()) {
            repo.update(updates);
        }
        if (plan.has(Action.DECLARE)) {
            repo.linkFiring(groupId, incidentId);
        }
    }

    /** The group's row id: the group is inserted when new, and linked to the incident when that changed. */
    static long group(AlertRepository repo, String source, String groupKey, String hash, GroupRow group,
                      String incidentId, Instant now) {
        long groupId;
        if (group == null) {
            groupId = repo.insertGroup(source, hash, groupKey, now);
            if (incidentId != null) {
                repo.updateGroup(groupId, incidentId, now);
            }
        } else {
            groupId = group.id();
            if (!Objects.equals(group.incidentId(), incidentId) && incidentId != null) {
                repo.updateGroup(groupId, incidentId, now);
            }
        }
        return groupId;
    }

    /** The plan's changed alerts as rows: added to {@code inserts} when the store does not know them, else to {@code updates}. */
    static void rows(String source, long groupId, Map<String, StoredAlert> known, Plan plan, String incidentId,
                     Instant now, List<AlertRow> inserts, List<AlertRow> updates) {
        for (Alert a : plan.changed()) {
            StoredAlert before = known.get(a.fingerprint());
            String rowIncident = a.firing() ? incidentId : before == null ? null : before.incidentId();
            AlertRow row = new AlertRow(source, a.fingerprint(), groupId, rowIncident, a.status().name(),
                    plan.severities().get(a.fingerprint()).name(), cut(a.name(), 500), json(a.labels()),
                    json(a.annotations()), a.url(), a.startsAt(), a.endsAt(), now, a.firing() ? null : now);
            (before == null ? inserts : updates).add(row);
        }
    }

    private static String json(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
