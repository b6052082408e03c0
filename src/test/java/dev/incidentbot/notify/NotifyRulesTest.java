package dev.incidentbot.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentbot.Config;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.TestBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NOTIFY_RULES file: the CONTRACT's example reads as written; a bad file stops the start naming every problem. */
class NotifyRulesTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path p = dir.resolve("notify.yml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void theContractsExampleReadsAsWritten() throws Exception {
        NotifyRules rules = NotifyRules.load(file("""
                SEV1: {channels: [C0CRITICAL], page: true, email: [ml-team@company.com]}
                SEV2: {channels: [C0MLTEAM], email: [ml-lead@company.com]}
                SEV3: {ticket: true}
                SEV4: {ticket: true}
                """));
        assertThat(rules.of(Severity.SEV1)).isEqualTo(new NotifyRule(java.util.List.of("C0CRITICAL"), true,
                java.util.List.of("ml-team@company.com"), false));
        assertThat(rules.of(Severity.SEV2).page()).isFalse();
        assertThat(rules.of(Severity.SEV2).email()).containsExactly("ml-lead@company.com");
        assertThat(rules.of(Severity.SEV4)).isEqualTo(new NotifyRule(java.util.List.of(), false, java.util.List.of(), true));
        assertThat(rules.anyPage()).isTrue();
        assertThat(rules.anyEmail()).isTrue();
        assertThat(rules.anyTicket()).isTrue();
    }

    @Test
    void aSeverityTheFileDoesNotNameGetsNothing() throws Exception {
        NotifyRules rules = NotifyRules.load(file("SEV1: {page: true}\n"));
        assertThat(rules.of(Severity.SEV3)).isEqualTo(NotifyRule.NONE);
    }

    @Test
    void aBadFileIsRefusedWithOneLineNamingTheFileAndEveryProblem() throws Exception {
        Path p = file("""
                SEV1: {channels: [critical-incidents], page: yes-please, email: [not an address]}
                SEV5: {ticket: true}
                SEV2: {channel: [C0MLTEAM]}
                SEV3: {email: "ml-lead@example.com"}
                """);
        assertThatThrownBy(() -> NotifyRules.load(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NOTIFY_RULES " + p + ": SEV1.channels 'critical-incidents' is not a channel id (C...); "
                        + "SEV1.email 'not an address' is not a mail address; SEV1.page must be true or false; "
                        + "'SEV5' is not a severity (SEV1, SEV2, SEV3, SEV4); "
                        + "SEV2 has an unknown key 'channel' (known: channels, page, email, ticket); SEV3.email is not a list");
    }

    @Test
    void anUnreadableOrEmptyFileIsRefused() throws Exception {
        Path missing = dir.resolve("nope.yml");
        assertThatThrownBy(() -> NotifyRules.load(missing)).hasMessageStartingWith("NOTIFY_RULES " + missing + " cannot be read: ");
        Path empty = file("");
        assertThatThrownBy(() -> NotifyRules.load(empty)).hasMessageStartingWith("NOTIFY_RULES " + empty + ": the file is empty");
    }

    @Test
    void theBotDoesNotStartOnABadFileOrOnRulesItsSettingsCannotServe() throws Exception {
        Path bad = file("SEV1: {page: maybe}\n");
        assertThatThrownBy(() -> TestBot.start(dir, new FakeSlackApi(), MutableClock.at("2026-03-02T14:30:00Z"),
                Map.of("NOTIFY_RULES", bad.toString())))
                .isInstanceOf(Config.ConfigException.class)
                .satisfies(e -> assertThat(((Config.ConfigException) e).problems())
                        .containsExactly("NOTIFY_RULES " + bad + ": SEV1.page must be true or false"));

        Path unserved = dir.resolve("unserved.yml");
        Files.writeString(unserved, "SEV1: {page: true, email: [a@example.com]}\nSEV4: {ticket: true}\n");
        assertThatThrownBy(() -> TestBot.start(dir, new FakeSlackApi(), MutableClock.at("2026-03-02T14:30:00Z"),
                Map.of("NOTIFY_RULES", unserved.toString())))
                .isInstanceOf(Config.ConfigException.class)
                .satisfies(e -> assertThat(((Config.ConfigException) e).problems()).containsExactly("NOTIFY_RULES " + unserved
                        + ": a rule pages but PAGERDUTY_ROUTING_KEY is not set; a rule sends mail but SMTP_URL is not set; "
                        + "a rule opens tickets but neither JIRA_URL nor GITHUB_REPO is set"));
    }
}
