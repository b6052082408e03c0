package dev.incidentbot.alert;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Read-only alert queries for the web pages. */
public interface AlertQueries {

    /** The incident's alerts in arrival order, at most {@code limit}. */
    @SqlQuery("""
            SELECT source, name, status, severity, starts_at, resolved_at FROM alerts
             WHERE incident_id = :incidentId ORDER BY id LIMIT :limit""")
    @RegisterConstructorMapper(AlertSummary.class)
    List<AlertSummary> forIncident(@Bind("incidentId") String incidentId, @Bind("limit") int limit);
}
