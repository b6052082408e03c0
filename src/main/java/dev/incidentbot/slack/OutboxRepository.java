package dev.incidentbot.slack;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Slack's rows in the outbox (kind 'slack'): written in the transaction of their change, read back to be sent. */
@RegisterConstructorMapper(OutboxMessage.class)
public interface OutboxRepository {

    @SqlUpdate("""
            INSERT INTO outbox (created_at, kind, incident_id, purpose, channel_id, in_thread, thread_ts, text, blocks,
                                file_name, file_title, file_bytes)
            VALUES (:now, 'slack', :m.incidentId, :m.purpose, :m.channelId, :m.inThread, :m.threadTs, :m.text, :m.blocks,
                    :m.fileName, :m.fileTitle, :m.fileBytes)""")
    @GetGeneratedKeys("id")
    long insert(@BindMethods("m") OutboxMessage message, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT id, created_at, incident_id, purpose, channel_id, in_thread, thread_ts, text, blocks, attempts,
                   sent_at, message_ts, last_error, file_name, file_title, file_bytes
            FROM outbox WHERE id = :id AND kind = 'slack'""")
    Optional<OutboxMessage> find(@Bind("id") long id);

    /** Whether a sender that vanished (its lease ran out, unmarked) had claimed the row: it may have been sent. */
    @SqlQuery("SELECT orphaned FROM outbox WHERE id = :id")
    boolean orphaned(@Bind("id") long id);

    @SqlUpdate("UPDATE outbox SET message_ts = :ts WHERE id = :id")
    void setMessageTs(@Bind("id") long id, @Bind("ts") String ts);
}
