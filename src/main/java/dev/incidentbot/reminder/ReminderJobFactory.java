package dev.incidentbot.reminder;

import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Builds jobs with their collaborators passed in, so no job reaches for static state. */
final class ReminderJobFactory implements JobFactory {
    private final ReminderScheduler reminders;

    ReminderJobFactory(ReminderScheduler reminders) {
        this.reminders = reminders;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        if (type == StatusReminderJob.class) {
            return new StatusReminderJob(reminders);
        }
        if (type == EscalationJob.class) {
            return new EscalationJob(reminders);
        }
        if (type == ReminderSweepJob.class) {
            return new ReminderSweepJob(reminders);
        }
        throw new SchedulerException("no such reminder job: " + type.getName());
    }
}
