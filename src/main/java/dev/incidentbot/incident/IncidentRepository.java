package dev.incidentbot.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Incident rows; every statement binds its parameters, none is built from strings. */
@RegisterConstructorMapper(Incident.class)
public interface IncidentRepository {

    @SqlUpdate("UPDATE incident_counter SET last_number = last_number + 1 WHERE counter_year = :year")
    int bumpCounter(@Bind("year") int year);

    @SqlUpdate("INSERT INTO incident_counter (counter_year, last_number) VALUES (:year, 1)")
    void startCounter(@Bind("year") int year);

    @SqlQuery("SELECT last_number FROM incident_counter WHERE counter_year = :year")
    int counter(@Bind("year") int year);

    @SqlUpdate("""
            INSERT INTO incidents (id, title, description, severity, status, commander, declared_by, source,
                human_touched, declared_at, last_update_at, resolved_at, root_cause, resolution, analysis_json,
                channel_id, message_ts, incident_channel_id)
            VALUES (:id, :title, :description, :severity, :status, :commander, :declaredBy, :source,
                :humanTouched, :declaredAt, :lastUpdateAt, :resolvedAt, :rootCause, :resolution, :analysisJson,
                :channelId, :messageTs, :incidentChannelId)""")
    void insert(@BindMethods Incident incident);

    @SqlQuery("SELECT * FROM incidents WHERE id = :id")
    Optional<Incident> find(@Bind("id") String id);

    @SqlQuery("SELECT * FROM incidents WHERE id = :id FOR UPDATE")
    Optional<Incident> lock(@Bind("id") String id);

    @SqlQuery("SELECT * FROM incidents WHERE incident_channel_id = :channel ORDER BY declared_at DESC")
    List<Incident> findByIncidentChannel(@Bind("channel") String channel);

    @SqlQuery("SELECT * FROM incidents WHERE status <> 'RESOLVED' ORDER BY severity, declared_at")
    List<Incident> listOpen();

    @SqlQuery("SELECT * FROM incidents WHERE channel_id = :channel AND message_ts = :ts")
    Optional<Incident> findByMessage(@Bind("channel") String channel, @Bind("ts") String ts);

    @SqlUpdate("UPDATE incidents SET severity = :severity WHERE id = :id")
    void setSeverity(@Bind("id") String id, @Bind("severity") Severity severity);

    @SqlUpdate("UPDATE incidents SET status = :status WHERE id = :id")
    void setStatus(@Bind("id") String id, @Bind("status") IncidentStatus status);

    @SqlUpdate("UPDATE incidents SET commander = :commander, human_touched = human_touched OR :human WHERE id = :id")
    void setCommander(@Bind("id") String id, @Bind("commander") String commander, @Bind("human") boolean human);

    @SqlUpdate("UPDATE incidents SET last_update_at = :at, human_touched = human_touched OR :human WHERE id = :id")
    void touchUpdate(@Bind("id") String id, @Bind("at") Instant at, @Bind("human") boolean human);

    @SqlUpdate("UPDATE incidents SET root_cause = :rootCause, analysis_json = :json WHERE id = :id")
    void setRootCause(@Bind("id") String id, @Bind("rootCause") String rootCause, @Bind("json") String analysisJson);

    @SqlUpdate("""
            UPDATE incidents SET status = 'RESOLVED', resolved_at = :at, resolution = :resolution,
                root_cause = COALESCE(:rootCause, root_cause)
            WHERE id = :id AND status <> 'RESOLVED'""")
    int resolve(@Bind("id") String id, @Bind("at") Instant at, @Bind("resolution") String resolution,
                @Bind("rootCause") String rootCause);

    @SqlUpdate("UPDATE incidents SET message_ts = :ts WHERE id = :id AND message_ts IS NULL")
    void setMessageTs(@Bind("id") String id, @Bind("ts") String ts);

    @SqlUpdate("UPDATE incidents SET incident_channel_id = :channel WHERE id = :id")
    void setIncidentChannel(@Bind("id") String id, @Bind("channel") String channel);
}
