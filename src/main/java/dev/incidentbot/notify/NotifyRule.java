package dev.incidentbot.notify;

import java.util.List;

/**
 * Who hears of a new incident of one severity (seed 004, "Step 2: Alert &amp; Notify").
 *
 * @param channels Slack channel ids that get the announcement besides the channel it was declared in
 * @param page     trigger a PagerDuty incident
 * @param email    addresses that get the Incident Notification mail
 * @param ticket   open a Jira or GitHub ticket
 */
public record NotifyRule(List<String> channels, boolean page, List<String> email, boolean ticket) {
    public static final NotifyRule NONE = new NotifyRule(List.of(), false, List.of(), false);

    public NotifyRule {
        channels = List.copyOf(channels);
        email = List.copyOf(email);
    }
}
