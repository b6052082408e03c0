package dev.incidentbot.outbox;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Writes outbound calls into the outbox; attach it to the handle of the transaction whose change they report. */
public interface OutboundCallRepository {

    @SqlUpdate("""
            INSERT INTO outbox (created_at, kind, incident_id, purpose, payload, text, in_thread)
            VALUES (:now, :c.kind, :c.incidentId, :c.purpose, :c.payload, '', FALSE)""")
    @GetGeneratedKeys("id")
    long insert(@BindMethods("c") OutboundCall call, @Bind("now") Instant now);
}
