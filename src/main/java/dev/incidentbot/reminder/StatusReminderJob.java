package dev.incidentbot.reminder;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Quartz's entry for one incident's status-update reminder; the job's name is the incident id. */
final class StatusReminderJob implements Job {
    private final ReminderScheduler reminders;

    StatusReminderJob(ReminderScheduler reminders) {
        this.reminders = reminders;
    }

    @Override
    public void execute(JobExecutionContext context) {
        reminders.reminderFired(context.getJobDetail().getKey().getName());
    }
}
