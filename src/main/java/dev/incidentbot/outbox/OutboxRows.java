package dev.incidentbot.outbox;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The sender's side of the outbox table: claiming due rows, renewing a claim, marking the outcome. Every mark is
 * conditional on {@code claimed_by}, so a sender whose lease ran out and was taken over cannot mark another's row.
 */
@RegisterConstructorMapper(OutboxEntry.class)
public interface OutboxRows {

    /**
     * Due rows of one kind that are the oldest unsent row of their incident (so an incident's rows go in order, even
     * across replicas), unclaimed or with an expired lease; locked so a concurrent claimer skips rather than waits.
     * H2 2.3 and PostgreSQL both take {@code FOR UPDATE SKIP LOCKED} and re-check the WHERE on the newest row version.
     * The order is the ids': it holds for writers that commit an incident's rows in id order, which the incident
     * services ensure by writing under the incident's row lock; a row committed behind a later id is sent after it.
     */
    @SqlQuery("""
            SELECT o.id FROM outbox o
            WHERE o.kind = :kind AND o.sent_at IS NULL
              AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= :now)
              AND (o.claimed_until IS NULL OR o.claimed_until < :now)
              AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.kind = o.kind AND p.incident_id = o.incident_id
                              AND p.sent_at IS NULL AND p.id < o.id)
            ORDER BY o.id
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Long> due(@Bind("kind") String kind, @Bind("now") Instant now, @Bind("limit") int limit);

    /**
     * Claims the locked rows; the condition repeats the lease check so a claim is never taken from a live holder. A
     * row still carrying another sender's expired claim was left unmarked by a sender that died or stalled, maybe
     * after its call went out: {@code orphaned} tells the deliverer to look before sending again.
     */
    @SqlUpdate("""
            UPDATE outbox SET orphaned = CASE WHEN claimed_by IS NULL THEN orphaned ELSE TRUE END,
                              claimed_by = :me, claimed_until = :until
            WHERE id IN (<ids>) AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < :now)""")
    int claim(@BindList("ids") List<Long> ids, @Bind("me") String me, @Bind("now") Instant now,
              @Bind("until") Instant until);

    @SqlQuery("""
            SELECT id, kind, incident_id, purpose, payload, attempts, created_at FROM outbox
            WHERE id IN (<ids>) AND claimed_by = :me AND sent_at IS NULL ORDER BY id""")
    List<OutboxEntry> claimed(@BindList("ids") List<Long> ids, @Bind("me") String me);

    /** Extends the lease just before a send; 0 means the claim was lost (lease ran out and another replica took it). */
    @SqlUpdate("UPDATE outbox SET claimed_until = :until WHERE id = :id AND claimed_by = :me AND sent_at IS NULL")
    int renew(@Bind("id") long id, @Bind("me") String me, @Bind("until") Instant until);

    @SqlUpdate("""
            UPDATE outbox SET sent_at = :at, attempts = attempts + 1, last_error = NULL, claimed_by = NULL,
                              claimed_until = NULL, next_attempt_at = NULL
            WHERE id = :id AND claimed_by = :me AND sent_at IS NULL""")
    int markSent(@Bind("id") long id, @Bind("me") String me, @Bind("at") Instant at);

    /** Given up for good (refused, or out of attempts): closed with its reason, never retried. */
    @SqlUpdate("""
            UPDATE outbox SET sent_at = :at, attempts = attempts + 1, last_error = :error, claimed_by = NULL,
                              claimed_until = NULL, next_attempt_at = NULL
            WHERE id = :id AND claimed_by = :me AND sent_at IS NULL""")
    int markGaveUp(@Bind("id") long id, @Bind("me") String me, @Bind("at") Instant at, @Bind("error") String error);

    /** A failed try: counted, released, and due again at {@code next} (null: as soon as the lane runs again). */
    @SqlUpdate("""
            UPDATE outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next, claimed_by = NULL,
                              claimed_until = NULL
            WHERE id = :id AND claimed_by = :me AND sent_at IS NULL""")
    int markRetry(@Bind("id") long id, @Bind("me") String me, @Bind("error") String error, @Bind("next") Instant next);

    /** Gives back claims not used (a paused lane, a stop), so another sender need not wait for the lease. */
    @SqlUpdate("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = :me AND sent_at IS NULL")
    int releaseAll(@Bind("me") String me);

    @SqlUpdate("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE id IN (<ids>) AND claimed_by = :me AND sent_at IS NULL")
    int release(@BindList("ids") List<Long> ids, @Bind("me") String me);

    /** Every unsent row's claim given back and marked orphaned; only for a store no other process can reach. */
    @SqlUpdate("""
            UPDATE outbox SET orphaned = TRUE, claimed_by = NULL, claimed_until = NULL
            WHERE sent_at IS NULL AND claimed_by IS NOT NULL""")
    int releaseStale();

    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
    int countUnsent();

    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND kind = :kind")
    int countUnsent(@Bind("kind") String kind);
}
