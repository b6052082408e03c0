package dev.incidentbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-1");
        env.put("SLACK_SIGNING_SECRET", "s3cr3t-value");
        env.put("INCIDENT_CHANNEL", "C0INC");
        return env;
    }

    @Test
    void defaultsFollowTheContract() {
        Config c = Config.fromEnv(minimal());
        assertThat(c.port()).isEqualTo(3000);
        assertThat(c.bind()).isEqualTo("0.0.0.0");
        assertThat(c.slackApiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(c.databaseUrl()).isEqualTo("jdbc:h2:file:./data/incident-bot");
        assertThat(c.reminderInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.escalation()).isEmpty();
        assertThat(c.socketMode()).isFalse();
    }

    @Test
    void namesEveryMissingVariableAtOnce() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of()))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("SLACK_BOT_TOKEN")
                .hasMessageContaining("SLACK_SIGNING_SECRET")
                .hasMessageContaining("INCIDENT_CHANNEL");
    }

    @Test
    void namesEveryMalformedVariable() {
        Map<String, String> env = minimal();
        env.put("PORT", "eighty");
        env.put("REMINDER_INTERVAL", "15 minutes");
        env.put("ESCALATION", "PT10M=manager,soon=U0DIRECTOR");
        env.put("SLACK_API_URL", "ftp://nope");
        env.put("DATABASE_URL", "postgres://x");
        Config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(Config.ConfigException.class, () -> Config.fromEnv(env));
        assertThat(e.problems()).hasSize(6);
        assertThat(e.getMessage()).contains("PORT", "REMINDER_INTERVAL", "ESCALATION", "SLACK_API_URL", "DATABASE_URL");
    }

    @Test
    void theOutboxLeaseDefaultsToAMinuteAndIsBounded() {
        assertThat(Config.fromEnv(minimal()).outboxLease()).isEqualTo(Duration.ofSeconds(60));
        Map<String, String> env = minimal();
        env.put("OUTBOX_LEASE", "PT5S");
        assertThat(Config.fromEnv(env).outboxLease()).isEqualTo(Duration.ofSeconds(5));
        env.put("OUTBOX_LEASE", "PT0.5S");
        assertThatThrownBy(() -> Config.fromEnv(env)).isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("OUTBOX_LEASE must be between PT2S and PT1H");
    }

    @Test
    void socketModeNeedsNoSigningSecret() {
        Map<String, String> env = minimal();
        env.remove("SLACK_SIGNING_SECRET");
        env.put("SLACK_APP_TOKEN", "xapp-1-abc");
        assertThat(Config.fromEnv(env).socketMode()).isTrue();
    }

    @Test
    void parsesEscalationStepsInOrderWithMentions() {
        Map<String, String> env = minimal();
        env.put("ESCALATION", "PT20M=U0DIRECTOR, PT10M=S0MANAGERS");
        Config c = Config.fromEnv(env);
        assertThat(c.escalation()).extracting(Config.EscalationStep::after).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(20));
        assertThat(c.escalation().get(0).mention()).isEqualTo("<!subteam^S0MANAGERS>");
        assertThat(c.escalation().get(1).mention()).isEqualTo("<@U0DIRECTOR>");
    }

    @Test
    void anEscalationStepMayPagePagerDutyOnceARoutingKeyIsSet() {
        Map<String, String> env = minimal();
        env.put("ESCALATION", "PT10M=S0MANAGERS,PT20M=pagerduty");
        assertThatThrownBy(() -> Config.fromEnv(env)).isInstanceOf(Config.ConfigException.class)
                .satisfies(e -> assertThat(((Config.ConfigException) e).problems())
                        .containsExactly("ESCALATION pages PagerDuty but PAGERDUTY_ROUTING_KEY is not set"));
        env.put("PAGERDUTY_ROUTING_KEY", "R0UTING-secret");
        Config c = Config.fromEnv(env);
        assertThat(c.escalation()).extracting(Config.EscalationStep::pages).containsExactly(false, true);
        assertThat(c.escalation().get(1).mention()).isEqualTo("PagerDuty (paging the on-call)");
        assertThat(c.toString()).doesNotContain("R0UTING-secret").contains("paging=true");
    }

    @Test
    void apiUrlGetsATrailingSlash() {
        Map<String, String> env = minimal();
        env.put("SLACK_API_URL", "http://127.0.0.1:3901/api");
        assertThat(Config.fromEnv(env).slackApiUrl()).isEqualTo("http://127.0.0.1:3901/api/");
    }

    @Test
    void neverPrintsSecrets() {
        Map<String, String> env = minimal();
        env.put("WEBHOOK_TOKEN", "hook-secret-value");
        String shown = Config.fromEnv(env).toString();
        assertThat(shown).doesNotContain("xoxb-1", "s3cr3t-value", "hook-secret-value");
    }
}
