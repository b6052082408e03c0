package dev.incidentbot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PAGERDUTY_*, SMTP_URL, MAIL_FROM, JIRA_* and GITHUB_* as read from the environment; secrets never printed. */
class NotifySettingsTest {

    @Test
    void everySettingReadsAndToStringHidesEverySecret() {
        List<String> problems = new ArrayList<>();
        NotifySettings s = NotifySettings.fromEnv(Map.of("PAGERDUTY_ROUTING_KEY", "R0UTINGKEY-secret",
                "SMTP_URL", "smtp://bot%40example.com:p%40ss-secret@mail.example.com:587", "MAIL_FROM", "incident-bot@example.com",
                "JIRA_URL", "https://acme.atlassian.net/", "JIRA_USER", "bot@example.com", "JIRA_TOKEN", "jira-secret",
                "JIRA_PROJECT", "OPS"), problems);

        assertThat(problems).isEmpty();
        assertThat(s.paging()).isTrue();
        assertThat(s.pagerDutyEventsUrl()).hasToString("https://events.pagerduty.com/v2/enqueue");
        assertThat(s.smtp()).isEqualTo(new SmtpSettings("mail.example.com", 587, false, "bot@example.com", "p@ss-secret"));
        assertThat(s.jira().url()).hasToString("https://acme.atlassian.net");
        assertThat(s.toString()).doesNotContain("R0UTINGKEY-secret", "p@ss-secret", "jira-secret")
                .contains("smtp://bot@example.com:<hidden>@mail.example.com:587");
    }

    @Test
    void smtpsDefaultsToPort465AndSmtpTo25() {
        assertThat(SmtpSettings.parse("smtps://mail.example.com")).isEqualTo(new SmtpSettings("mail.example.com", 465, true, null, null));
        assertThat(SmtpSettings.parse("smtp://mail.example.com").port()).isEqualTo(25);
    }

    @Test
    void badOrIncompleteSettingsAreAllNamed() {
        List<String> problems = new ArrayList<>();
        NotifySettings.fromEnv(Map.of("SMTP_URL", "http://mail.example.com", "JIRA_URL", "https://acme.atlassian.net",
                "JIRA_PROJECT", "ops team", "GITHUB_REPO", "not-a-repo", "PAGERDUTY_EVENTS_URL", "ftp://x"), problems);

        assertThat(problems).containsExactly(
                "PAGERDUTY_EVENTS_URL is not an http(s) URL without credentials in it",
                "SMTP_URL must start with smtp:// or smtps://",
                "MAIL_FROM is not set: the sender address of incident mail (SMTP_URL is set)",
                "JIRA_USER is not set: the Jira account's mail address (JIRA_URL is set)",
                "JIRA_TOKEN is not set: a Jira API token (JIRA_URL is set)",
                "JIRA_PROJECT is not a Jira project key such as OPS",
                "GITHUB_REPO is not owner/name",
                "GITHUB_TOKEN is not set: a GitHub token that may create issues (GITHUB_REPO is set)",
                "JIRA_URL and GITHUB_REPO are both set: tickets go to one tracker, unset one of them");
    }

    @Test
    void nothingSetMeansNothingLeavesSlack() {
        List<String> problems = new ArrayList<>();
        NotifySettings s = NotifySettings.fromEnv(Map.of(), problems);
        assertThat(problems).isEmpty();
        assertThat(s.paging()).isFalse();
        assertThat(s.mail()).isFalse();
        assertThat(s.tickets()).isFalse();
        assertThat(s.missingFor(NotifyRules.none())).isEmpty();
    }
}
