package dev.incidentbot.investigation;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Read-only analysis queries for the web pages and /metrics. */
public interface AnalysisQueries {

    @SqlQuery("""
            SELECT id, created_at, source, verdict, headline, actor, chart_png IS NOT NULL AS has_chart FROM analyses
             WHERE incident_id = :incidentId ORDER BY created_at, id""")
    @RegisterConstructorMapper(AnalysisSummary.class)
    List<AnalysisSummary> forIncident(@Bind("incidentId") String incidentId);

    /** The chart of analysis {@code id}, only when it belongs to {@code incidentId}. */
    @SqlQuery("SELECT chart_png FROM analyses WHERE id = :id AND incident_id = :incidentId AND chart_png IS NOT NULL")
    Optional<byte[]> chart(@Bind("incidentId") String incidentId, @Bind("id") long id);

    @SqlQuery("SELECT COUNT(*) FROM analyses")
    long count();
}
