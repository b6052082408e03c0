package dev.incidentbot.reminder;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Every minute, on one replica: gives any open incident whose triggers went missing (a failed write) its schedule back. */
@DisallowConcurrentExecution
final class ReminderSweepJob implements Job {
    private final ReminderScheduler reminders;

    ReminderSweepJob(ReminderScheduler reminders) {
        this.reminders = reminders;
    }

    @Override
    public void execute(JobExecutionContext context) {
        reminders.sweep();
    }
}
