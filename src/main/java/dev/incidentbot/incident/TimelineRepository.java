package dev.incidentbot.incident;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Timeline rows: append-only, read in time order. */
@RegisterConstructorMapper(TimelineEntry.class)
public interface TimelineRepository {

    @SqlUpdate("INSERT INTO timeline_entries (incident_id, at, kind, actor, text) VALUES (:incidentId, :at, :kind, :actor, :text)")
    @GetGeneratedKeys("id")
    long append(@Bind("incidentId") String incidentId, @Bind("at") Instant at, @Bind("kind") TimelineKind kind,
                @Bind("actor") String actor, @Bind("text") String text);

    @SqlQuery("SELECT * FROM timeline_entries WHERE incident_id = :incidentId ORDER BY at, id")
    List<TimelineEntry> forIncident(@Bind("incidentId") String incidentId);

    @SqlQuery("SELECT * FROM timeline_entries WHERE incident_id = :incidentId AND kind = :kind ORDER BY at DESC, id DESC LIMIT 1")
    java.util.Optional<TimelineEntry> latest(@Bind("incidentId") String incidentId, @Bind("kind") TimelineKind kind);
}
