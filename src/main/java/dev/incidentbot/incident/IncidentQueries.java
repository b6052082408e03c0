package dev.incidentbot.incident;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Read-only queries for the web pages: the filtered, paged list and the response times. A null parameter does not
 * filter; CASTs give the database a type for parameters that may be null (PostgreSQL asks for one).
 */
public interface IncidentQueries {

    String WHERE = """
             WHERE (CAST(:severity AS VARCHAR(8)) IS NULL OR severity = :severity)
               AND (CAST(:status AS VARCHAR(16)) IS NULL OR status = :status)
               AND (:openOnly = FALSE OR status <> 'RESOLVED')
               AND (CAST(:from AS TIMESTAMP WITH TIME ZONE) IS NULL OR declared_at >= :from)
               AND (CAST(:until AS TIMESTAMP WITH TIME ZONE) IS NULL OR declared_at < :until)
            """;

    /** Newest first; {@code limit} rows from {@code offset}. */
    @SqlQuery("SELECT id, title, severity, status, commander, declared_at, resolved_at FROM incidents" + WHERE
            + " ORDER BY declared_at DESC, id DESC LIMIT :limit OFFSET :offset")
    @RegisterConstructorMapper(IncidentSummary.class)
    List<IncidentSummary> list(@Bind("severity") Severity severity, @Bind("status") IncidentStatus status,
                               @Bind("openOnly") boolean openOnly, @Bind("from") Instant from, @Bind("until") Instant until,
                               @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT COUNT(*) FROM incidents" + WHERE)
    int count(@Bind("severity") Severity severity, @Bind("status") IncidentStatus status,
              @Bind("openOnly") boolean openOnly, @Bind("from") Instant from, @Bind("until") Instant until);

    /** Incidents declared since {@code since} with the first time a person acted on each. */
    @SqlQuery("""
            SELECT i.id, i.severity, i.declared_at, i.resolved_at,
                   (SELECT MIN(t.at) FROM timeline_entries t
                     WHERE t.incident_id = i.id AND t.kind IN ('STATUS', 'COMMANDER', 'RESOLVED')
                       AND t.actor <> 'monitoring') AS acknowledged_at
              FROM incidents i WHERE i.declared_at >= :since ORDER BY i.declared_at""")
    @RegisterConstructorMapper(ResponseTimes.class)
    List<ResponseTimes> responseTimes(@Bind("since") Instant since);

    /** Open incidents per severity, for /metrics. */
    @SqlQuery("SELECT COUNT(*) FROM incidents WHERE status <> 'RESOLVED' AND severity = :severity")
    int openCount(@Bind("severity") Severity severity);

    /** The list with a filter's fields. */
    default List<IncidentSummary> page(IncidentFilter f, int limit, int offset) {
        return list(f.severity(), f.status(), f.openOnly(), f.from(), f.until(), limit, offset);
    }

    /** How many incidents the filter lets through. */
    default int count(IncidentFilter f) {
        return count(f.severity(), f.status(), f.openOnly(), f.from(), f.until());
    }
}
