package dev.incidentbot.reminder;

import dev.incidentbot.reminder.ReminderPolicy.PlannedEscalation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz side of one incident's schedule: a reminder job whose trigger repeats every cadence, and an
 * escalation job with one one-shot trigger per pending step. Every write replaces, so scheduling is idempotent.
 */
final class ReminderTriggers {
    private static final Logger log = LoggerFactory.getLogger(ReminderTriggers.class);

    /** Quartz work that may fail. */
    interface QuartzWork {
        void run() throws SchedulerException;
    }

    /**
     * Runs Quartz work whose failure must not fail the caller (a listener, a job): logged, and the minute sweep
     * schedules whatever is missing.
     */
    static void safely(String what, QuartzWork work) {
        try {
            work.run();
        } catch (SchedulerException | RuntimeException e) {
            log.error("reminders: could not {}", what, e);
        }
    }

    static final String REMINDERS = "reminders";
    static final String ESCALATIONS = "escalations";
    static final String MAINTENANCE = "maintenance";

    private final Scheduler quartz;
    private final Clock clock;
    /** Quartz keeps time by the system clock; domain times are carried over as "this long from now". */
    private final Clock quartzClock = Clock.systemUTC();

    ReminderTriggers(Scheduler quartz, Clock clock) {
        this.quartz = quartz;
        this.clock = clock;
    }

    /** The reminder fires at {@code first}, then every {@code cadence}, until replaced or removed. */
    void reminder(String incidentId, Instant first, Duration cadence) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(StatusReminderJob.class).withIdentity(incidentId, REMINDERS).build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(incidentId, REMINDERS).forJob(job).startAt(quartzTime(first))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(cadence.toMillis()).repeatForever()
                        // After downtime: one catch-up reminder now, then every cadence from it; never a burst.
                        .withMisfireHandlingInstructionFireNow())
                .build();
        quartz.scheduleJob(job, Set.of(trigger), true);
    }

    void noReminder(String incidentId) throws SchedulerException {
        quartz.unscheduleJob(TriggerKey.triggerKey(incidentId, REMINDERS));
    }

    /** One trigger per pending step; steps already fired have none. */
    void escalations(String incidentId, List<PlannedEscalation> pending) throws SchedulerException {
        if (pending.isEmpty()) {
            return;
        }
        JobDetail job = JobBuilder.newJob(EscalationJob.class).withIdentity(incidentId, ESCALATIONS).build();
        Set<Trigger> triggers = new HashSet<>();
        for (PlannedEscalation p : pending) {
            triggers.add(TriggerBuilder.newTrigger().withIdentity(incidentId + "#" + p.key(), ESCALATIONS).forJob(job)
                    .usingJobData(EscalationJob.STEP, p.key()).startAt(quartzTime(p.dueAt()))
                    // A step that came due while the bot was down fires once, at start-up.
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .build());
        }
        quartz.scheduleJob(job, triggers, true);
    }

    /** The sweep runs every {@code every} on whichever replica gets it; re-registering it is harmless. */
    void sweep(Duration every) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(ReminderSweepJob.class).withIdentity("sweep", MAINTENANCE).build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity("sweep", MAINTENANCE).forJob(job)
                .startAt(quartzTime(clock.instant().plus(every)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(every.toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        quartz.scheduleJob(job, Set.of(trigger), true);
    }

    boolean hasReminder(String incidentId) throws SchedulerException {
        return quartz.checkExists(TriggerKey.triggerKey(incidentId, REMINDERS));
    }

    /** True when every pending step has its trigger. */
    boolean hasEscalations(String incidentId, List<PlannedEscalation> pending) throws SchedulerException {
        for (PlannedEscalation p : pending) {
            if (!quartz.checkExists(TriggerKey.triggerKey(incidentId + "#" + p.key(), ESCALATIONS))) {
                return false;
            }
        }
        return true;
    }

    /** Deletes both jobs of the incident and with them every trigger. */
    void cancel(String incidentId) throws SchedulerException {
        quartz.deleteJobs(List.of(JobKey.jobKey(incidentId, REMINDERS), JobKey.jobKey(incidentId, ESCALATIONS)));
    }

    boolean exist(String incidentId) throws SchedulerException {
        return quartz.checkExists(JobKey.jobKey(incidentId, REMINDERS)) || quartz.checkExists(JobKey.jobKey(incidentId, ESCALATIONS));
    }

    /** A domain instant as a Quartz date: the same distance from Quartz's now, rounded up to the millisecond. */
    private Date quartzTime(Instant due) {
        Duration wait = Duration.between(clock.instant(), due);
        Instant at = quartzClock.instant().plus(wait.isNegative() ? Duration.ZERO : wait);
        Instant ms = at.truncatedTo(ChronoUnit.MILLIS);
        return Date.from(ms.isBefore(at) ? ms.plusMillis(1) : ms);
    }
}
