package dev.incidentbot.alert;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.Severity;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Alert groups and alerts; lookups go through the unique (source, key) indexes, so dedup stays cheap. */
// Hand-written mappers: the reflective constructor mapper costs more than the query on this hot path.
@RegisterRowMapper(AlertRepository.StoredAlertMapper.class)
@RegisterRowMapper(AlertRepository.GroupRowMapper.class)
public interface AlertRepository {

    /** Maps the dedup lookup. */
    final class StoredAlertMapper implements RowMapper<StoredAlert> {
        @Override
        public StoredAlert map(ResultSet rs, StatementContext ctx) throws SQLException {
            OffsetDateTime starts = rs.getObject("starts_at", OffsetDateTime.class);
            return new StoredAlert(rs.getString("fingerprint"), Alert.Status.valueOf(rs.getString("status")),
                    starts == null ? null : starts.toInstant(), rs.getString("incident_id"));
        }
    }

    /** Maps a group row. */
    final class GroupRowMapper implements RowMapper<GroupRow> {
        @Override
        public GroupRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            String incidentId = rs.getString("incident_id");
            String status = rs.getString("incident_status");
            AlertPolicy.IncidentView view = incidentId == null || status == null ? null : new AlertPolicy.IncidentView(incidentId,
                    IncidentStatus.valueOf(status).isOpen(), rs.getBoolean("human_touched"), Severity.valueOf(rs.getString("severity")));
            return new GroupRow(rs.getLong("id"), rs.getString("group_hash"), incidentId, view);
        }
    }

    /** A stored group: its row id, the hash of its key, and its current incident (null when none was declared). */
    record GroupRow(long id, String hash, String incidentId, AlertPolicy.IncidentView incident) {
    }

    /** One alert as written. */
    record AlertRow(String source, String fingerprint, long groupId, String incidentId, String status, String severity,
                    String name, String labels, String annotations, String url, Instant startsAt, Instant endsAt,
                    Instant seenAt, Instant resolvedAt) {
    }

    /** Groups with their incidents' state, in one lookup for all the deliveries of one group commit. */
    @SqlQuery("""
            SELECT g.id, g.group_hash, g.incident_id, i.status AS incident_status, i.human_touched, i.severity
            FROM alert_groups g LEFT JOIN incidents i ON i.id = g.incident_id
            WHERE g.source = :source AND g.group_hash IN (<hashes>)""")
    List<GroupRow> findGroups(@Bind("source") String source, @BindList("hashes") Collection<String> hashes);

    @SqlUpdate("""
            INSERT INTO alert_groups (source, group_hash, group_key, first_seen, last_seen, noted_at)
            VALUES (:source, :hash, :key, :at, :at, :at)""")
    @GetGeneratedKeys("id")
    long insertGroup(@Bind("source") String source, @Bind("hash") String hash, @Bind("key") String key,
                     @Bind("at") Instant at);

    /** Links the group to an incident; its changes so far are reported by that incident's announcement or first note. */
    @SqlUpdate("UPDATE alert_groups SET incident_id = :incidentId, last_seen = :at, noted_at = :at WHERE id = :id")
    void updateGroup(@Bind("id") long id, @Bind("incidentId") String incidentId, @Bind("at") Instant at);

    @SqlQuery("SELECT fingerprint, status, starts_at, incident_id FROM alerts WHERE source = :source AND fingerprint IN (<fps>)")
    List<StoredAlert> find(@Bind("source") String source, @BindList("fps") Collection<String> fingerprints);

    @SqlQuery("SELECT COUNT(*) FROM alerts WHERE incident_id = :incidentId AND status = 'FIRING'")
    int firing(@Bind("incidentId") String incidentId);

    @SqlBatch("""
            INSERT INTO alerts (source, fingerprint, group_id, incident_id, status, severity, name, labels, annotations, url,
                starts_at, ends_at, first_seen, last_seen, resolved_at)
            VALUES (:source, :fingerprint, :groupId, :incidentId, :status, :severity, :name, :labels, :annotations, :url,
                :startsAt, :endsAt, :seenAt, :seenAt, :resolvedAt)""")
    void insert(@BindMethods Collection<AlertRow> rows);

    @SqlBatch("""
            UPDATE alerts SET group_id = :groupId, incident_id = :incidentId, status = :status, severity = :severity,
                name = :name, labels = :labels, annotations = :annotations, url = :url, starts_at = :startsAt,
                ends_at = :endsAt, last_seen = :seenAt, resolved_at = :resolvedAt
            WHERE source = :source AND fingerprint = :fingerprint""")
    void update(@BindMethods Collection<AlertRow> rows);

    /** Firing alerts of the group that were posted compactly join the incident declared for the group. */
    @SqlUpdate("UPDATE alerts SET incident_id = :incidentId WHERE group_id = :groupId AND status = 'FIRING' AND incident_id IS NULL")
    int linkFiring(@Bind("groupId") long groupId, @Bind("incidentId") String incidentId);

    /** The label sets (JSON) of an incident's alerts, for the labels they share. */
    @SqlQuery("SELECT labels FROM alerts WHERE incident_id = :incidentId ORDER BY id")
    List<String> labelsOf(@Bind("incidentId") String incidentId);

    /** When the incident's earliest alert started firing. */
    @SqlQuery("SELECT MIN(starts_at) FROM alerts WHERE incident_id = :incidentId")
    Optional<Instant> firingSince(@Bind("incidentId") String incidentId);
}
