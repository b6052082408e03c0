package dev.incidentbot.slack;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Who creates an incident's dedicated channel (V7 {@code incident_channel_claims}): one replica, claimed first. */
interface ChannelClaims {

    /** 1 when this replica now holds the claim: a new one, or one older than {@code staleBefore} taken over. */
    @SqlUpdate("""
            INSERT INTO incident_channel_claims (incident_id, claimed_by, claimed_at)
            SELECT :id, :me, :now FROM (VALUES (1)) one
            WHERE NOT EXISTS (SELECT 1 FROM incident_channel_claims WHERE incident_id = :id)""")
    int claim(@Bind("id") String incidentId, @Bind("me") String replica, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE incident_channel_claims SET claimed_by = :me, claimed_at = :now
            WHERE incident_id = :id AND claimed_at < :staleBefore""")
    int takeOver(@Bind("id") String incidentId, @Bind("me") String replica, @Bind("now") Instant now,
                 @Bind("staleBefore") Instant staleBefore);
}
