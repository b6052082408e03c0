package dev.incidentbot.investigation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The analyses kept with incidents. */
@RegisterConstructorMapper(AnalysisRecord.class)
public interface AnalysisRepository {

    @SqlUpdate("""
            INSERT INTO analyses (incident_id, created_at, source, verdict, headline, actor, report_json, chart_png)
            VALUES (:incidentId, :at, :source, :verdict, :headline, :actor, :json, :png)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("incidentId") String incidentId, @Bind("at") Instant at, @Bind("source") String source,
                @Bind("verdict") String verdict, @Bind("headline") String headline, @Bind("actor") String actor,
                @Bind("json") String json, @Bind("png") byte[] png);

    @SqlQuery("SELECT * FROM analyses WHERE incident_id = :incidentId ORDER BY created_at, id")
    List<AnalysisRecord> forIncident(@Bind("incidentId") String incidentId);

    /** The newest analysis of the incident that found something and has a chart (for the postmortem). */
    @SqlQuery("""
            SELECT * FROM analyses WHERE incident_id = :incidentId AND verdict = 'regression' AND chart_png IS NOT NULL
            ORDER BY created_at DESC, id DESC LIMIT 1""")
    Optional<AnalysisRecord> latestChart(@Bind("incidentId") String incidentId);
}
