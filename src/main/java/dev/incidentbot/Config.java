package dev.incidentbot;

import dev.incidentbot.notify.NotifySettings;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every setting of the bot, read once from the environment; {@link #fromEnv} names every bad variable at once.
 *
 * <p>{@code toString} never prints a secret, so the record can be logged as it is.
 */
public record Config(
        String slackBotToken,
        String slackSigningSecret,
        String slackAppToken,
        String slackApiUrl,
        String incidentChannel,
        int port,
        String bind,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String webhookToken,
        Duration reminderInterval,
        List<EscalationStep> escalation,
        String alertRulesFile,
        boolean dedicatedChannels,
        String logSourcesFile,
        Duration outboxLease, String publicUrl, NotifySettings notifying) {

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    public static final String DEFAULT_DATABASE_URL = "jdbc:h2:file:./data/incident-bot";
    private static final Pattern SLACK_ID = Pattern.compile("[UWS][A-Z0-9_]{2,}");

    /** The escalation target that pages through PagerDuty instead of mentioning someone in Slack. */
    public static final String PAGERDUTY = "pagerduty";

    /**
     * One step of the escalation policy: after {@code after} open, mention {@code target} (a user or a user group),
     * or page PagerDuty when the target is {@code pagerduty}.
     */
    public record EscalationStep(Duration after, String target) {
        /** The Slack mention for the target; ids are checked when parsed, so this is safe to send. */
        public String mention() {
            if (pages()) {
                return "PagerDuty (paging the on-call)";
            }
            return target.startsWith("S") ? "<!subteam^" + target + ">" : "<@" + target + ">";
        }

        public boolean pages() {
            return PAGERDUTY.equals(target);
        }
    }

    /** Thrown when settings are missing or malformed; its message names every offending variable. */
    public static final class ConfigException extends RuntimeException {
        private final List<String> problems;

        public ConfigException(List<String> problems) {
            super("incident-bot cannot start; fix these settings:\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Reads and validates the settings; throws {@link ConfigException} naming every bad variable. */
    public static Config fromEnv(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Reader r = new Reader(env, problems);
        String appToken = r.optional("SLACK_APP_TOKEN");
        String botToken = r.required("SLACK_BOT_TOKEN", "the bot token (xoxb-...)");
        if (botToken != null && !botToken.startsWith("xox")) {
            problems.add("SLACK_BOT_TOKEN does not look like a Slack token (expected xoxb-...)");
        }
        if (appToken != null && !appToken.startsWith("xapp-")) {
            problems.add("SLACK_APP_TOKEN does not look like an app-level token (expected xapp-...)");
        }
        // Socket Mode needs no signing secret: Slack's traffic comes over the authenticated WebSocket.
        String signingSecret = appToken == null
                ? r.required("SLACK_SIGNING_SECRET", "the app's signing secret (Basic Information page)")
                : r.optional("SLACK_SIGNING_SECRET");
        String apiUrl = r.optional("SLACK_API_URL");
        if (apiUrl == null) {
            apiUrl = DEFAULT_API_URL;
        } else {
            try {
                URI uri = URI.create(apiUrl);
                if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                    problems.add("SLACK_API_URL is not an http(s) URL: " + apiUrl);
                }
            } catch (IllegalArgumentException e) {
                problems.add("SLACK_API_URL is not a URL: " + apiUrl);
            }
            if (!apiUrl.endsWith("/")) {
                apiUrl = apiUrl + "/";
            }
        }
        String channel = r.required("INCIDENT_CHANNEL", "the channel id where incidents are announced (C...)");
        int port = r.integer("PORT", 3000, 0, 65535);
        String bind = Optional.ofNullable(r.optional("BIND")).orElse("0.0.0.0");
        String dbUrl = Optional.ofNullable(r.optional("DATABASE_URL")).orElse(DEFAULT_DATABASE_URL);
        if (!dbUrl.startsWith("jdbc:")) {
            problems.add("DATABASE_URL must be a JDBC URL (jdbc:h2:... or jdbc:postgresql://...)");
        }
        Duration interval = r.duration("REMINDER_INTERVAL", Duration.ofMinutes(15));
        List<EscalationStep> escalation = parseEscalation(r.optional("ESCALATION"), problems);
        String publicUrl = publicUrl(r.optional("PUBLIC_URL"), problems);
        boolean dedicated = Boolean.parseBoolean(Optional.ofNullable(r.optional("INCIDENT_DEDICATED_CHANNELS")).orElse("false"));
        // How long a sender's claim on an outbox row holds: a killed replica's rows (and its incidents' later ones)
        // wait this long for another sender. It must outlast the longest Slack call with its retries.
        Duration lease = r.duration("OUTBOX_LEASE", Duration.ofSeconds(60));
        if (lease.compareTo(Duration.ofSeconds(2)) < 0 || lease.compareTo(Duration.ofHours(1)) > 0) {
            problems.add("OUTBOX_LEASE must be between PT2S and PT1H, got " + lease);
        }
        NotifySettings notify = NotifySettings.fromEnv(env, problems);
        if (escalation.stream().anyMatch(EscalationStep::pages) && !notify.paging()) {
            problems.add("ESCALATION pages PagerDuty but PAGERDUTY_ROUTING_KEY is not set");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(botToken, signingSecret, appToken, apiUrl, channel, port, bind, dbUrl,
                r.optional("DATABASE_USER"), r.optional("DATABASE_PASSWORD"), r.optional("WEBHOOK_TOKEN"),
                interval, escalation, r.optional("ALERT_RULES"), dedicated, r.optional("LOG_SOURCES"), lease, publicUrl,
                notify);
    }

    static List<EscalationStep> parseEscalation(String raw, List<String> problems) {
        List<EscalationStep> steps = new ArrayList<>();
        if (raw == null) {
            return steps;
        }
        for (String part : raw.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                problems.add("ESCALATION step '" + p + "' is not DURATION=ID (e.g. PT10M=U0MANAGER)");
                continue;
            }
            String target = p.substring(eq + 1).trim();
            if (!SLACK_ID.matcher(target).matches() && !PAGERDUTY.equals(target)) {
                problems.add("ESCALATION step '" + p + "' names '" + target + "', not a user (U...), a user group (S...) or pagerduty");
                continue;
            }
            try {
                Duration after = Duration.parse(p.substring(0, eq).trim());
                if (after.isNegative() || after.isZero()) {
                    problems.add("ESCALATION step '" + p + "' must wait a positive duration");
                    continue;
                }
                steps.add(new EscalationStep(after, target));
            } catch (DateTimeParseException e) {
                problems.add("ESCALATION step '" + p + "' has no ISO-8601 duration (e.g. PT10M)");
            }
        }
        steps.sort((a, b) -> a.after().compareTo(b.after()));
        return List.copyOf(steps);
    }

    /** PUBLIC_URL without a trailing slash; null (the default, http://localhost:PORT) when unset. */
    private static String publicUrl(String raw, List<String> problems) {
        if (raw == null) {
            return null;
        }
        String url = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                problems.add("PUBLIC_URL must be an http(s) base URL such as https://incidents.example.com, got " + raw);
            }
        } catch (IllegalArgumentException e) {
            problems.add("PUBLIC_URL is not a URL: " + raw);
        }
        return url;
    }

    /** The base URL browsers reach the bot at: PUBLIC_URL, or http://localhost:PORT with the port actually bound. */
    public String publicUrl(int boundPort) {
        return publicUrl != null ? publicUrl : "http://localhost:" + boundPort;
    }

    public boolean socketMode() {
        return slackAppToken != null;
    }

    @Override
    public String toString() {
        return "Config[slackApiUrl=" + slackApiUrl + ", incidentChannel=" + incidentChannel + ", bind=" + bind
                + ", port=" + port + ", databaseUrl=" + databaseUrl + ", socketMode=" + socketMode()
                + ", webhooks=" + (webhookToken != null) + ", reminderInterval=" + reminderInterval
                + ", escalation=" + escalation + ", logSources=" + logSourcesFile + ", outboxLease=" + outboxLease
                + ", publicUrl=" + publicUrl + ", " + notifying + ", secrets=<hidden>]";
    }

    /** Collects problems while reading, so that one run reports all of them. */
    private record Reader(Map<String, String> env, List<String> problems) {
        String optional(String name) {
            String v = env.get(name);
            return v == null || v.isBlank() ? null : v.trim();
        }

        String required(String name, String what) {
            String v = optional(name);
            if (v == null) {
                problems.add(name + " is not set: " + what);
            }
            return v;
        }

        int integer(String name, int dflt, int min, int max) {
            String v = optional(name);
            if (v == null) {
                return dflt;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    problems.add(name + " must be between " + min + " and " + max + ", got " + v);
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(name + " is not a whole number: " + v);
                return dflt;
            }
        }

        Duration duration(String name, Duration dflt) {
            String v = optional(name);
            if (v == null) {
                return dflt;
            }
            try {
                Duration d = Duration.parse(v);
                if (d.isNegative() || d.isZero()) {
                    problems.add(name + " must be a positive duration, got " + v);
                }
                return d;
            } catch (DateTimeParseException e) {
                problems.add(name + " is not an ISO-8601 duration such as PT15M: " + v);
                return dflt;
            }
        }
    }
}
