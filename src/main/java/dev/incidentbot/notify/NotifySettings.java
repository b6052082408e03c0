package dev.incidentbot.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings of notifying beyond Slack: the rules file, PagerDuty, SMTP and the ticket tracker.
 * {@code toString} never prints a secret (routing key, SMTP password, Jira and GitHub tokens).
 */
public record NotifySettings(String rulesFile, String pagerDutyRoutingKey, URI pagerDutyEventsUrl, SmtpSettings smtp,
                             String mailFrom, JiraSettings jira, GitHubSettings github) {
    public static final String DEFAULT_PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";
    public static final String DEFAULT_GITHUB_URL = "https://api.github.com";
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern PROJECT = Pattern.compile("[A-Z][A-Z0-9_]{0,19}");

    /** Jira Cloud: {@code POST {url}/rest/api/3/issue} with basic auth user:token. */
    public record JiraSettings(URI url, String user, String token, String project) {
        @Override
        public String toString() {
            return "Jira[" + url + ", project=" + project + "]";
        }
    }

    /** GitHub Issues: {@code POST {apiUrl}/repos/{repo}/issues} with a bearer token. */
    public record GitHubSettings(URI apiUrl, String repo, String token) {
        @Override
        public String toString() {
            return "GitHub[" + apiUrl + ", repo=" + repo + "]";
        }
    }

    /** Nothing set: nothing leaves Slack. */
    public static NotifySettings none() {
        return new NotifySettings(null, null, URI.create(DEFAULT_PAGERDUTY_URL), null, null, null, null);
    }

    public boolean paging() {
        return pagerDutyRoutingKey != null;
    }

    public boolean mail() {
        return smtp != null;
    }

    public boolean tickets() {
        return jira != null || github != null;
    }

    /** Reads the settings, adding a line to {@code problems} for each bad or missing one. */
    public static NotifySettings fromEnv(Map<String, String> env, List<String> problems) {
        String rules = get(env, "NOTIFY_RULES");
        String key = get(env, "PAGERDUTY_ROUTING_KEY");
        URI events = url(env, "PAGERDUTY_EVENTS_URL", DEFAULT_PAGERDUTY_URL, problems);
        SmtpSettings smtp = null;
        String smtpUrl = get(env, "SMTP_URL");
        if (smtpUrl != null) {
            try {
                smtp = SmtpSettings.parse(smtpUrl);
            } catch (IllegalArgumentException e) {
                problems.add("SMTP_URL " + e.getMessage());
            }
        }
        String from = get(env, "MAIL_FROM");
        if (smtpUrl != null && from == null) {
            problems.add("MAIL_FROM is not set: the sender address of incident mail (SMTP_URL is set)");
        } else if (from != null && !from.matches("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
            problems.add("MAIL_FROM is not a plain mail address such as incident-bot@example.com");
        }
        JiraSettings jira = null;
        if (get(env, "JIRA_URL") != null) {
            URI url = url(env, "JIRA_URL", null, problems);
            String user = required(env, "JIRA_USER", "the Jira account's mail address (JIRA_URL is set)", problems);
            String token = required(env, "JIRA_TOKEN", "a Jira API token (JIRA_URL is set)", problems);
            String project = required(env, "JIRA_PROJECT", "the key of the Jira project for tickets, e.g. OPS", problems);
            if (project != null && !PROJECT.matcher(project).matches()) {
                problems.add("JIRA_PROJECT is not a Jira project key such as OPS");
            }
            jira = new JiraSettings(url, user, token, project);
        }
        GitHubSettings github = null;
        if (get(env, "GITHUB_REPO") != null) {
            String repo = get(env, "GITHUB_REPO");
            if (!REPO.matcher(repo).matches()) {
                problems.add("GITHUB_REPO is not owner/name");
            }
            String token = required(env, "GITHUB_TOKEN", "a GitHub token that may create issues (GITHUB_REPO is set)", problems);
            github = new GitHubSettings(url(env, "GITHUB_API_URL", DEFAULT_GITHUB_URL, problems), repo, token);
        }
        if (jira != null && github != null) {
            problems.add("JIRA_URL and GITHUB_REPO are both set: tickets go to one tracker, unset one of them");
        }
        return new NotifySettings(rules, key, events, smtp, from, jira, github);
    }

    /** What the rules ask for that these settings cannot do, one line each (empty when all is in place). */
    public List<String> missingFor(NotifyRules rules) {
        List<String> out = new ArrayList<>();
        if (rules.anyPage() && !paging()) {
            out.add("a rule pages but PAGERDUTY_ROUTING_KEY is not set");
        }
        if (rules.anyEmail() && !mail()) {
            out.add("a rule sends mail but SMTP_URL is not set");
        }
        if (rules.anyTicket() && !tickets()) {
            out.add("a rule opens tickets but neither JIRA_URL nor GITHUB_REPO is set");
        }
        return out;
    }

    private static String get(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String required(Map<String, String> env, String name, String what, List<String> problems) {
        String v = get(env, name);
        if (v == null) {
            problems.add(name + " is not set: " + what);
        }
        return v;
    }

    private static URI url(Map<String, String> env, String name, String dflt, List<String> problems) {
        String v = get(env, name);
        if (v == null) {
            return dflt == null ? null : URI.create(dflt);
        }
        try {
            URI u = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
            if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null || u.getUserInfo() != null) {
                problems.add(name + " is not an http(s) URL without credentials in it");
            }
            return u;
        } catch (IllegalArgumentException e) {
            problems.add(name + " is not a URL");
            return dflt == null ? null : URI.create(dflt);
        }
    }

    @Override
    public String toString() {
        return "Notify[rules=" + rulesFile + ", paging=" + paging() + " via " + pagerDutyEventsUrl + ", smtp=" + smtp
                + ", from=" + mailFrom + ", tickets=" + (jira != null ? jira : github) + "]";
    }
}
