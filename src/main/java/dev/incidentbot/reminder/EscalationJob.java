package dev.incidentbot.reminder;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Quartz's entry for one escalation step of one incident: job name = incident id, trigger data = the step. */
final class EscalationJob implements Job {
    static final String STEP = "step";

    private final ReminderScheduler reminders;

    EscalationJob(ReminderScheduler reminders) {
        this.reminders = reminders;
    }

    @Override
    public void execute(JobExecutionContext context) {
        reminders.escalationFired(context.getJobDetail().getKey().getName(), context.getMergedJobDataMap().getString(STEP));
    }
}
