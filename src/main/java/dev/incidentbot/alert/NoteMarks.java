package dev.incidentbot.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Each alert group's mark of what Slack was told ({@code alert_groups.noted_at}), and the stored changes past it that
 * {@link DigestRecovery} reports when the note that held them was lost with its process.
 */
@RegisterConstructorMapper(NoteMarks.Unnoted.class)
interface NoteMarks {

    /** A group of an open incident with changes after its mark; {@code notedAt} is that mark. */
    record Unnoted(long id, String source, @ColumnName("group_key") String groupKey,
                   @ColumnName("incident_id") String incidentId, @ColumnName("noted_at") Instant notedAt) {
    }

    /** Moves the mark forward (never back: a later note may already have moved it further). */
    @SqlUpdate("""
            UPDATE alert_groups SET noted_at = :at
            WHERE source = :source AND group_hash = :hash AND (noted_at IS NULL OR noted_at < :at)""")
    int noted(@Bind("source") String source, @Bind("hash") String hash, @Bind("at") Instant at);

    @SqlUpdate("UPDATE alert_groups SET noted_at = :at WHERE id = :id AND (noted_at IS NULL OR noted_at < :at)")
    int noted(@Bind("id") long id, @Bind("at") Instant at);

    /**
     * One group of an open incident whose alerts changed after its mark and no later than {@code settled}, locked for
     * this transaction; a replica sweeping at the same time skips it rather than reporting it too.
     */
    @SqlQuery("""
            SELECT g.id, g.source, g.group_key, g.incident_id, COALESCE(g.noted_at, g.first_seen) AS noted_at
            FROM alert_groups g
            WHERE g.incident_id IN (SELECT i.id FROM incidents i WHERE i.status <> 'RESOLVED')
              AND EXISTS (SELECT 1 FROM alerts a WHERE a.group_id = g.id
                          AND a.last_seen > COALESCE(g.noted_at, g.first_seen) AND a.last_seen <= :settled)
            ORDER BY g.id
            LIMIT 1
            FOR UPDATE SKIP LOCKED""")
    Optional<Unnoted> nextUnnoted(@Bind("settled") Instant settled);

    @SqlQuery("""
            SELECT COUNT(*) FROM alerts
            WHERE group_id = :group AND status = :status AND last_seen > :after AND last_seen <= :until""")
    int changed(@Bind("group") long group, @Bind("status") String status, @Bind("after") Instant after,
                @Bind("until") Instant until);

    /** A few of those changes as stored rows (labels and annotations JSON), oldest first. */
    @SqlQuery("""
            SELECT fingerprint, status, severity, labels, annotations, url, starts_at, ends_at FROM alerts
            WHERE group_id = :group AND status = :status AND last_seen > :after AND last_seen <= :until
            ORDER BY last_seen, id
            LIMIT :limit""")
    @RegisterConstructorMapper(ChangedRow.class)
    List<ChangedRow> examples(@Bind("group") long group, @Bind("status") String status, @Bind("after") Instant after,
                              @Bind("until") Instant until, @Bind("limit") int limit);

    /** A changed alert as stored. */
    record ChangedRow(String fingerprint, String status, String severity, String labels, String annotations, String url,
                      @ColumnName("starts_at") Instant startsAt, @ColumnName("ends_at") Instant endsAt) {
    }
}
