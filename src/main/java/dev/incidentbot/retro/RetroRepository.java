package dev.incidentbot.retro;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Retro threads, notes and applied event ids. Inserts that Slack may repeat rely on the unique keys of V4
 * (event id; channel and ts), so the caller treats a key violation as "already stored".
 */
@RegisterConstructorMapper(RetroNote.class)
@RegisterConstructorMapper(RetroThread.class)
public interface RetroRepository {

    @SqlUpdate("INSERT INTO retro_threads (incident_id, channel_id, opened_at, opened_by) VALUES (:incidentId, :channel, :at, :by)")
    @GetGeneratedKeys("id")
    long openThread(@Bind("incidentId") String incidentId, @Bind("channel") String channel, @Bind("at") Instant at,
                    @Bind("by") String openedBy);

    @SqlUpdate("UPDATE retro_threads SET channel_id = :channel, thread_ts = :ts WHERE incident_id = :incidentId AND thread_ts IS NULL")
    int threadPosted(@Bind("incidentId") String incidentId, @Bind("channel") String channel, @Bind("ts") String ts);

    @SqlQuery("SELECT id, incident_id, channel_id, thread_ts, opened_at, opened_by FROM retro_threads WHERE incident_id = :incidentId")
    Optional<RetroThread> threadOf(@Bind("incidentId") String incidentId);

    @SqlQuery("SELECT id, incident_id, channel_id, thread_ts, opened_at, opened_by FROM retro_threads "
            + "WHERE channel_id = :channel AND thread_ts = :ts")
    Optional<RetroThread> threadAt(@Bind("channel") String channel, @Bind("ts") String threadTs);

    @SqlUpdate("INSERT INTO retro_events (event_id, received_at) VALUES (:eventId, :at)")
    void claimEvent(@Bind("eventId") String eventId, @Bind("at") Instant at);

    @SqlUpdate("DELETE FROM retro_events WHERE received_at < :before")
    int forgetEvents(@Bind("before") Instant before);

    @SqlUpdate("""
            INSERT INTO retro_notes (incident_id, kind, author, text, channel_id, message_ts, created_at)
            VALUES (:incidentId, :kind, :author, :text, :channel, :ts, :at)""")
    @GetGeneratedKeys("id")
    long addNote(@Bind("incidentId") String incidentId, @Bind("kind") NoteKind kind, @Bind("author") String author,
                 @Bind("text") String text, @Bind("channel") String channel, @Bind("ts") String ts, @Bind("at") Instant at);

    @SqlUpdate("UPDATE retro_notes SET kind = :kind, text = :text, edited_at = :at WHERE channel_id = :channel AND message_ts = :ts")
    int editNote(@Bind("channel") String channel, @Bind("ts") String ts, @Bind("kind") NoteKind kind,
                 @Bind("text") String text, @Bind("at") Instant at);

    @SqlUpdate("UPDATE retro_notes SET deleted = TRUE, edited_at = :at WHERE channel_id = :channel AND message_ts = :ts")
    int deleteNote(@Bind("channel") String channel, @Bind("ts") String ts, @Bind("at") Instant at);

    String NOTE_COLUMNS = "id, incident_id, kind, author, text, channel_id AS channel, message_ts AS ts, created_at, edited_at, deleted";

    @SqlQuery("SELECT " + NOTE_COLUMNS + " FROM retro_notes WHERE id = :id")
    Optional<RetroNote> note(@Bind("id") long id);

    @SqlQuery("SELECT " + NOTE_COLUMNS + " FROM retro_notes WHERE channel_id = :channel AND message_ts = :ts")
    Optional<RetroNote> noteAt(@Bind("channel") String channel, @Bind("ts") String ts);

    /** Every note of the incident, deleted ones included, in the order they were written. */
    @SqlQuery("SELECT " + NOTE_COLUMNS + " FROM retro_notes WHERE incident_id = :incidentId ORDER BY created_at, id")
    List<RetroNote> notes(@Bind("incidentId") String incidentId);

    /** The live action items of an incident, numbered 1.. in this order (the postmortem's order). */
    @SqlQuery("SELECT " + NOTE_COLUMNS + " FROM retro_notes WHERE incident_id = :incidentId AND kind = 'ACTION' "
            + "AND deleted = FALSE ORDER BY created_at, id")
    List<RetroNote> actionItems(@Bind("incidentId") String incidentId);

    @SqlUpdate("INSERT INTO retro_note_tickets (note_id, ticket_key, ticket_url, opened_at) VALUES (:noteId, :key, :url, :at)")
    void recordTicket(@Bind("noteId") long noteId, @Bind("key") String key, @Bind("url") String url, @Bind("at") Instant at);

    /** The tickets of the incident's notes. */
    @SqlQuery("SELECT t.note_id, t.ticket_key, t.ticket_url FROM retro_note_tickets t "
            + "JOIN retro_notes n ON n.id = t.note_id WHERE n.incident_id = :incidentId")
    @RegisterConstructorMapper(ActionTicket.class)
    List<ActionTicket> tickets(@Bind("incidentId") String incidentId);
}
