package dev.incidentbot.reminder;

import dev.incidentbot.incident.DurationWords;
import dev.incidentbot.UserError;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentListener;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.incident.TimelineKind;
import dev.incidentbot.incident.Trigger;
import dev.incidentbot.reminder.ReminderPolicy.PlannedEscalation;
import dev.incidentbot.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every open incident's status-update reminder and escalation steps scheduled in Quartz (JDBC store, so
 * schedules survive a crash), and decides with {@link ReminderPolicy} what to say when a trigger fires.
 *
 * <p>Declared: schedule the reminder and the steps. Status update: move the reminder a cadence after it.
 * Severity change: re-time the pending steps. Resolved: delete the incident's jobs.
 */
public final class ReminderScheduler implements IncidentListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);
    /** Who the timeline says escalated: the bot itself, not a person and not a monitoring system. */
    static final String ACTOR = "incident-bot";
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final Scheduler quartz;
    private final Jdbi jdbi;
    private final IncidentService incidents;
    private final ReminderPolicy policy;
    private final ReminderNotifier notifier;
    private final Clock clock;
    private final ReminderTriggers triggers;

    private ReminderScheduler(Scheduler quartz, Jdbi jdbi, IncidentService incidents, ReminderPolicy policy,
                              ReminderNotifier notifier, Clock clock) {
        this.quartz = quartz;
        this.jdbi = jdbi;
        this.incidents = incidents;
        this.policy = policy;
        this.notifier = notifier;
        this.clock = clock;
        this.triggers = new ReminderTriggers(quartz, clock);
    }

    /** Builds the scheduler on the bot's database; it runs nothing until {@link #start()}. */
    public static ReminderScheduler create(Database database, IncidentService incidents, ReminderPolicy policy,
                                           ReminderNotifier notifier, Clock clock) throws SchedulerException {
        Scheduler quartz = QuartzSetup.create(database.dataSource(), database.isPostgres());
        ReminderScheduler reminders = new ReminderScheduler(quartz, database.jdbi(), incidents, policy, notifier, clock);
        quartz.setJobFactory(new ReminderJobFactory(reminders));
        return reminders;
    }

    /** Makes sure every open incident has its jobs (those from before a crash, or before this feature), then runs. */
    public void start() throws SchedulerException {
        int open = reconcile();
        triggers.sweep(SWEEP_EVERY);
        quartz.start();
        log.info("reminders running for {} open incident(s)", open);
    }

    /**
     * Re-schedules every open incident from the stored state; idempotent. Replacing the triggers also frees any a
     * killed process had claimed, which Quartz's cluster recovery would otherwise hold for several seconds.
     */
    public int reconcile() {
        List<Incident> open = incidents.listOpen();
        for (Incident i : open) {
            safely("schedule " + i.id(), () -> {
                scheduleReminder(i, settings(i.id()));
                scheduleEscalations(i);
            });
        }
        return open.size();
    }

    /** Schedules what is missing (a listener's write that failed, a job that threw), leaving good triggers alone. */
    public int sweep() {
        int fixed = 0;
        for (Incident i : incidents.listOpen()) {
            try {
                ReminderSettings s = settings(i.id());
                List<String> fired = jdbi.withExtension(ReminderRepository.class, r -> r.firedSteps(i.id()));
                List<PlannedEscalation> pending = policy.pendingEscalations(i, fired);
                if (policy.nextReminder(i, s).isPresent() && !triggers.hasReminder(i.id())) {
                    scheduleReminder(i, s);
                    fixed++;
                }
                if (!triggers.hasEscalations(i.id(), pending)) {
                    triggers.escalations(i.id(), pending);
                    fixed++;
                }
            } catch (SchedulerException | RuntimeException e) {
                log.error("reminders: sweep could not check {}", i.id(), e);
            }
        }
        if (fixed > 0) {
            log.warn("reminders: sweep re-created {} missing schedule(s)", fixed);
        }
        return fixed;
    }

    // --- the incident lifecycle ---------------------------------------------------------------------------------

    @Override
    public void declared(Incident incident, Trigger trigger) {
        safely("schedule " + incident.id(), () -> {
            scheduleReminder(incident, settings(incident.id()));
            scheduleEscalations(incident);
        });
    }

    @Override
    public void statusPosted(Incident incident, TimelineEntry update) {
        safely("reset the reminder of " + incident.id(),
                () -> scheduleReminder(incident, settings(incident.id())));
    }

    @Override
    public void severityChanged(Incident incident, Severity from, String actor) {
        safely("re-time escalation of " + incident.id(), () -> scheduleEscalations(incident));
    }

    @Override
    public void resolved(Incident incident, String actor) {
        safely("cancel jobs of " + incident.id(), () -> triggers.cancel(incident.id()));
    }

    // --- what people change with /incident remind ----------------------------------------------------------------

    /** Stops the status-update reminders of an open incident (escalation still applies). */
    public ReminderStatus pause(String id, String actor) {
        Incident i = openIncident(id);
        jdbi.useExtension(ReminderRepository.class, r -> {
            r.findOrCreate(id);
            r.setPaused(id, true, clock.instant());
        });
        incidents.addTimeline(id, TimelineKind.REMINDER, actor, "Status-update reminders paused");
        return reschedule(i);
    }

    /** Resumes reminders; the next one comes a cadence after the latest update or now, whichever is later. */
    public ReminderStatus resume(String id, String actor) {
        Incident i = openIncident(id);
        jdbi.useExtension(ReminderRepository.class, r -> {
            r.findOrCreate(id);
            r.setPaused(id, false, clock.instant());
        });
        ReminderStatus status = reschedule(i);
        incidents.addTimeline(id, TimelineKind.REMINDER, actor, "Status-update reminders resumed, every "
                + DurationWords.of(status.cadence()));
        return status;
    }

    /** Sets this incident's own cadence (and resumes reminders if they were paused). */
    public ReminderStatus setCadence(String id, String actor, Duration cadence) {
        Incident i = openIncident(id);
        jdbi.useExtension(ReminderRepository.class, r -> {
            r.findOrCreate(id);
            r.setCadence(id, cadence.getSeconds(), clock.instant());
        });
        incidents.addTimeline(id, TimelineKind.REMINDER, actor, "Status-update reminders every " + DurationWords.of(cadence));
        return reschedule(i);
    }

    /** How the incident's reminders stand now. */
    public ReminderStatus status(String id) {
        Incident i = incidents.get(id);
        ReminderSettings s = settings(id);
        List<String> fired = jdbi.withExtension(ReminderRepository.class, r -> r.firedSteps(id));
        Instant next = policy.nextReminder(i, s).map(t -> t.isBefore(clock.instant()) ? clock.instant() : t).orElse(null);
        return new ReminderStatus(id, s.paused(), policy.cadence(s), s.cadenceSeconds() != null, next,
                policy.pendingEscalations(i, fired));
    }

    private ReminderStatus reschedule(Incident incident) {
        try {
            scheduleReminder(incident, settings(incident.id()));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not re-schedule the reminder of " + incident.id(), e);
        }
        return status(incident.id());
    }

    private Incident openIncident(String id) {
        Incident i = incidents.get(id);
        if (!i.isOpen()) {
            throw new UserError(id + " is resolved; it gets no more reminders.");
        }
        return i;
    }

    // --- what the jobs do -----------------------------------------------------------------------------------------

    /** A reminder trigger fired: nudge when the policy says an update is due; otherwise realign the trigger. */
    void reminderFired(String id) {
        Optional<Incident> found = incidents.find(id);
        if (found.isEmpty() || !found.get().isOpen()) {
            safely("cancel jobs of " + id, () -> triggers.cancel(id));
            return;
        }
        Incident incident = found.get();
        ReminderSettings settings = settings(id);
        Instant now = clock.instant();
        if (policy.reminderDue(incident, settings, now)) {
            jdbi.useTransaction(h -> {
                h.attach(ReminderRepository.class).markReminded(id, now);
                notifier.statusReminderDue(h, incident, incident.lastUpdateAt(), policy.cadence(settings), now);
            });
            log.info("reminded {}: no status update since {}", id, incident.lastUpdateAt());
            return; // the trigger repeats every cadence, which is exactly the next due time
        }
        // Updated (or re-timed) since this trigger was set: move it to when the policy says.
        safely("realign the reminder of " + id, () -> scheduleReminder(incident, settings));
    }

    /** An escalation step's trigger fired: mention its target once, if the incident is still open and it is due. */
    void escalationFired(String id, String stepKey) {
        Optional<Incident> found = incidents.find(id);
        if (found.isEmpty() || !found.get().isOpen()) {
            safely("cancel jobs of " + id, () -> triggers.cancel(id));
            return;
        }
        Incident incident = found.get();
        Instant now = clock.instant();
        List<String> fired = jdbi.withExtension(ReminderRepository.class, r -> r.firedSteps(id));
        Optional<PlannedEscalation> due = policy.dueEscalation(incident, fired, stepKey, now);
        if (due.isEmpty()) {
            // Not due (the severity changed since) or no longer configured or already fired: re-time what is pending.
            safely("re-time escalation of " + id, () -> scheduleEscalations(incident));
            return;
        }
        PlannedEscalation step = due.get();
        // The step's fired row (unique per incident and step), the mention and its timeline entry: one transaction,
        // so a replica that fires the same step at once fails on the key and posts nothing.
        try {
            jdbi.useTransaction(h -> {
                h.attach(ReminderRepository.class).insertFired(id, stepKey, now);
                notifier.escalate(h, incident, step.step(), step.after(), now);
                incidents.addTimeline(h, id, TimelineKind.ESCALATION, ACTOR, "Escalated to " + step.step().target()
                        + " after " + DurationWords.of(step.after()) + " open");
            });
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
            log.info("escalation {} of {} already fired elsewhere", stepKey, id);
            return;
        }
        log.info("escalated {} to {} after {}", id, step.step().target(), step.after());
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    // --- Quartz -----------------------------------------------------------------------------------------------------

    private void scheduleReminder(Incident incident, ReminderSettings settings) throws SchedulerException {
        Optional<Instant> next = policy.nextReminder(incident, settings);
        if (next.isEmpty()) {
            triggers.noReminder(incident.id());
        } else {
            triggers.reminder(incident.id(), next.get(), policy.cadence(settings));
        }
    }

    private void scheduleEscalations(Incident incident) throws SchedulerException {
        List<String> fired = jdbi.withExtension(ReminderRepository.class, r -> r.firedSteps(incident.id()));
        triggers.escalations(incident.id(), policy.pendingEscalations(incident, fired));
    }

    ReminderTriggers triggers() {
        return triggers;
    }

    /** True while Quartz holds a reminder or escalation job for the incident. */
    public boolean hasJobs(String id) throws SchedulerException {
        return triggers.exist(id);
    }

    private ReminderSettings settings(String id) {
        try {
            return jdbi.withExtension(ReminderRepository.class, r -> r.findOrCreate(id));
        } catch (RuntimeException e) {
            // Two threads creating the row at once: the loser reads the winner's.
            return jdbi.withExtension(ReminderRepository.class, r -> r.find(id)).orElseThrow(() -> e);
        }
    }

    /**
     * {@link ReminderTriggers#safely}, except once Quartz is shut down (a stop): then the schedule is left to the next
     * start's {@link #reconcile()} (or another replica's sweep), said at INFO, because a stop is not an error.
     */
    private void safely(String what, ReminderTriggers.QuartzWork work) {
        try {
            if (quartz.isShutdown()) {
                log.info("reminders: stopping, so the next start schedules what is left ({})", what);
                return;
            }
        } catch (SchedulerException e) {
            // unreachable in Quartz's StdScheduler; the attempt below reports whatever is wrong
        }
        ReminderTriggers.safely(what, work);
    }

    @Override
    public void close() {
        try {
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("reminder scheduler did not stop cleanly", e);
        }
    }
}
