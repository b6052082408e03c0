package dev.incidentbot.outbox;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Read-only counts over the outbox table for /metrics; they read the rows, whichever sender writes them. */
public interface OutboxQueries {

    /** Rows not yet delivered (nor given up on): the backlog. */
    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
    long backlog();

    /** Rows of this purpose delivered without error, e.g. "reminder" or "escalation". */
    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE purpose = :purpose AND sent_at IS NOT NULL AND last_error IS NULL")
    long delivered(@Bind("purpose") String purpose);
}
