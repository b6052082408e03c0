package dev.incidentbot.reminder;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Reminder settings and fired escalation steps per incident; plain portable SQL with bound parameters. */
@RegisterConstructorMapper(ReminderSettings.class)
public interface ReminderRepository {

    @SqlQuery("SELECT * FROM reminder_settings WHERE incident_id = :id")
    Optional<ReminderSettings> find(@Bind("id") String incidentId);

    @SqlUpdate("INSERT INTO reminder_settings (incident_id, paused) VALUES (:id, FALSE)")
    void insert(@Bind("id") String incidentId);

    @SqlUpdate("UPDATE reminder_settings SET paused = :paused, settings_changed_at = :at WHERE incident_id = :id")
    int setPaused(@Bind("id") String incidentId, @Bind("paused") boolean paused, @Bind("at") Instant at);

    @SqlUpdate("UPDATE reminder_settings SET paused = FALSE, cadence_seconds = :seconds, settings_changed_at = :at WHERE incident_id = :id")
    int setCadence(@Bind("id") String incidentId, @Bind("seconds") long seconds, @Bind("at") Instant at);

    @SqlUpdate("UPDATE reminder_settings SET last_reminder_at = :at WHERE incident_id = :id")
    int markReminded(@Bind("id") String incidentId, @Bind("at") Instant at);

    /** The row, created with defaults when missing (incidents declared before reminders existed). */
    @Transaction
    default ReminderSettings findOrCreate(String incidentId) {
        return find(incidentId).orElseGet(() -> {
            insert(incidentId);
            return ReminderSettings.defaults(incidentId);
        });
    }

    /** Records a step as fired; fails on the primary key when it already was, which is how it fires once. */
    @SqlUpdate("INSERT INTO escalations_fired (incident_id, step_key, fired_at) VALUES (:id, :step, :at)")
    void insertFired(@Bind("id") String incidentId, @Bind("step") String stepKey, @Bind("at") Instant at);

    @SqlQuery("SELECT step_key FROM escalations_fired WHERE incident_id = :id")
    List<String> firedSteps(@Bind("id") String incidentId);
}
