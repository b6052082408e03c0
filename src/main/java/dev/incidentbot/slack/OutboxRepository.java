package dev.incidentbot.slack;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Outbox rows: written before a post, marked after it. */
@RegisterConstructorMapper(OutboxMessage.class)
public interface OutboxRepository {

    @SqlUpdate("""
            INSERT INTO outbox (created_at, incident_id, purpose, channel_id, in_thread, thread_ts, text, blocks,
                                file_name, file_title, file_bytes)
            VALUES (:now, :m.incidentId, :m.purpose, :m.channelId, :m.inThread, :m.threadTs, :m.text, :m.blocks,
                    :m.fileName, :m.fileTitle, :m.fileBytes)""")
    @GetGeneratedKeys("id")
    long insert(@BindMethods("m") OutboxMessage message, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM outbox WHERE sent_at IS NULL AND kind = 'slack' ORDER BY id LIMIT 100")
    List<OutboxMessage> unsent();

    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND kind = 'slack'")
    int countUnsent();

    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND incident_id = :incidentId AND purpose = 'announce'")
    int unsentAnnouncements(@Bind("incidentId") String incidentId);

    @SqlUpdate("UPDATE outbox SET sent_at = :at, message_ts = :ts, attempts = attempts + 1, last_error = NULL WHERE id = :id")
    void markSent(@Bind("id") long id, @Bind("at") Instant at, @Bind("ts") String ts);

    @SqlUpdate("UPDATE outbox SET attempts = attempts + 1, last_error = :error WHERE id = :id")
    void markAttempt(@Bind("id") long id, @Bind("error") String error);

    /** A permanent failure (e.g. channel_not_found): recorded with its error, never retried. */
    @SqlUpdate("UPDATE outbox SET sent_at = :at, attempts = attempts + 1, last_error = :error WHERE id = :id")
    void markGaveUp(@Bind("id") long id, @Bind("at") Instant at, @Bind("error") String error);
}
