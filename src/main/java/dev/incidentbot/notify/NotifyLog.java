package dev.incidentbot.notify;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What was already written to the outbox for an incident: the outbox itself is the record of pages and mails. */
public interface NotifyLog {

    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE incident_id = :incidentId AND kind = :kind AND purpose = :purpose")
    int count(@Bind("incidentId") String incidentId, @Bind("kind") String kind, @Bind("purpose") String purpose);
}
