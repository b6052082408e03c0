package dev.incidentbot.slack;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The keys of Slack deliveries already taken by some replica (V7 {@code slack_deliveries}). */
public interface SlackDeliveries {

    /** 1 when this replica takes the delivery; 0 when any replica already took it (the key exists). */
    @SqlUpdate("""
            INSERT INTO slack_deliveries (delivery_id, received_at, replica)
            SELECT :id, :now, :replica FROM (VALUES (1)) one
            WHERE NOT EXISTS (SELECT 1 FROM slack_deliveries WHERE delivery_id = :id)""")
    int take(@Bind("id") String id, @Bind("now") Instant now, @Bind("replica") String replica);

    /** Gives a delivery back when handling it failed, so Slack's retry is handled rather than dropped. */
    @SqlUpdate("DELETE FROM slack_deliveries WHERE delivery_id = :id AND replica = :replica")
    int giveBack(@Bind("id") String id, @Bind("replica") String replica);

    @SqlUpdate("DELETE FROM slack_deliveries WHERE received_at < :before")
    int prune(@Bind("before") Instant before);
}
