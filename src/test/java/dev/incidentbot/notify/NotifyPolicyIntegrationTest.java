package dev.incidentbot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.ServiceStandIn;
import dev.incidentbot.support.TestBot;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The whole bot with NOTIFY_RULES: a SEV1 declared with a slash command is announced in the rule's channel, paged
 * (after PagerDuty's 503, retried) and mailed over SMTP with a login; a SEV4 becomes a Jira ticket whose key lands
 * in the incident's thread; resolving resolves the page. Each exactly once, the title inert everywhere, no secret
 * in the log or in Slack.
 */
class NotifyPolicyIntegrationTest {
    private static final String KEY = "R0UTINGKEY-integration-0000000001";
    private static final String JIRA_TOKEN = "jira-T0KEN-integration";
    private static final String SMTP_PASSWORD = "smtp-Pa55-integration";
    private static final String TITLE = "Model API down <script>alert(1)</script> <!channel>";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(setup())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bot@example.com", "bot", SMTP_PASSWORD));

    private static ServerSetup setup() {
        ServerSetup s = ServerSetupTest.SMTP.dynamicPort();
        s.setServerStartupTimeout(20_000);
        return s;
    }

    @TempDir
    Path dir;

    private FakeSlackApi slack;
    private ServiceStandIn services;
    private TestBot bot;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        log.start();
        slack = new FakeSlackApi();
        services = new ServiceStandIn().jiraAccepts("bot@example.com", JIRA_TOKEN);
        services.failNext(new ServiceStandIn.Failure(503, null, "{}")); // the first PagerDuty post meets an outage
        Path rules = dir.resolve("notify.yml");
        Files.writeString(rules, """
                SEV1: {channels: [C0CRITICAL], page: true, email: [ml-team@example.com]}
                SEV4: {ticket: true}
                """);
        bot = TestBot.start(dir, slack, Clock.systemUTC(), Map.of(
                "NOTIFY_RULES", rules.toString(),
                "PAGERDUTY_ROUTING_KEY", KEY, "PAGERDUTY_EVENTS_URL", services.url() + "/v2/enqueue",
                "SMTP_URL", "smtp://bot:" + SMTP_PASSWORD + "@127.0.0.1:" + greenMail.getSmtp().getPort(),
                "MAIL_FROM", "incident-bot@example.com",
                "JIRA_URL", services.url(), "JIRA_USER", "bot@example.com", "JIRA_TOKEN", JIRA_TOKEN, "JIRA_PROJECT", "OPS"));
    }

    @AfterEach
    void stop() {
        bot.close();
        services.close();
        slack.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 40 s: " + what);
    }

    private Incident declare(String text, Severity severity) throws Exception {
        assertThat(bot.requests.command("declare " + text, "U0ALICE", "C0INCIDENT", slack.responseUrl("d")).statusCode()).isEqualTo(200);
        await("the " + severity + " is stored", () -> bot.bot.incidents().listOpen().stream().anyMatch(i -> i.severity() == severity));
        return bot.bot.incidents().listOpen().stream().filter(i -> i.severity() == severity).findFirst().orElseThrow();
    }

    private List<FakeSlackApi.Call> rootPosts(String channel, String id) {
        return slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel")) && c.param("thread_ts") == null
                && c.params().toString().contains(id)).toList();
    }

    private List<ServiceStandIn.Call> pd(String action, int status) {
        return services.calls("/v2/enqueue").stream().filter(c -> c.status() == status
                && c.json().path("event_action").asText().equals(action)).toList();
    }

    @Test
    void aSev1IsAnnouncedPagedAndMailedOnceASev4BecomesATicketInItsThreadAndResolvingResolvesThePage() throws Exception {
        Incident sev1 = declare(TITLE + " sev1", Severity.SEV1);
        await("C0CRITICAL announcement, PagerDuty trigger and mail", () -> !rootPosts("C0CRITICAL", sev1.id()).isEmpty()
                && !pd("trigger", 202).isEmpty() && greenMail.getReceivedMessages().length > 0);

        Incident sev4 = declare("Logging format inconsistency sev4", Severity.SEV4);
        await("the Jira key in the SEV4's thread", () -> slack.calls("chat.postMessage").stream()
                .anyMatch(c -> c.param("thread_ts") != null && c.params().toString().contains("OPS-1")));

        bot.requests.command("resolve " + sev1.id() + " Restarted the model server", "U0ALICE", "C0INCIDENT", slack.responseUrl("r"));
        await("the PagerDuty resolve", () -> !pd("resolve", 202).isEmpty());
        await("the outbox drained", () -> bot.bot.outbox().pending() == 0);
        Thread.sleep(1500); // a second poll of every lane: anything sent twice would show now

        // the page: refused once with 503, retried, accepted once; resolved once; nothing for the SEV4
        assertThat(services.calls("/v2/enqueue")).extracting(c -> c.status() + " " + c.json().path("event_action").asText()
                + " " + c.json().path("dedup_key").asText())
                .containsExactly("503 trigger " + sev1.id(), "202 trigger " + sev1.id(), "202 resolve " + sev1.id());
        ServiceStandIn.Call trigger = pd("trigger", 202).get(0);
        assertThat(trigger.json().path("routing_key").asText()).isEqualTo(KEY);
        assertThat(trigger.json().path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(trigger.json().path("payload").path("summary").asText()).isEqualTo(sev1.id() + " SEV1: " + TITLE);

        // Slack: one announcement in the rule's channel, the title escaped there and everywhere else
        assertThat(rootPosts("C0CRITICAL", sev1.id())).hasSize(1);
        assertThat(rootPosts("C0CRITICAL", sev1.id()).get(0).params().toString()).contains("🚨");
        assertThat(slack.calls("chat.postMessage")).allSatisfy(c -> assertThat(c.params().toString())
                .doesNotContain("<script>", "<!channel>", KEY, JIRA_TOKEN, SMTP_PASSWORD));

        // mail: one notification and one resolution, to the rule's address, from MAIL_FROM, HTML inert
        MimeMessage[] all = greenMail.getReceivedMessages();
        assertThat(all).hasSize(2);
        MimeMessage[] mails = java.util.Arrays.stream(all).filter(m -> subject(m).startsWith("🚨")).toArray(MimeMessage[]::new);
        assertThat(mails).hasSize(1);
        assertThat(java.util.Arrays.stream(all).map(NotifyPolicyIntegrationTest::subject))
                .containsExactlyInAnyOrder("🚨 " + sev1.id() + " SEV1: " + TITLE, "✅ Resolved " + sev1.id() + " SEV1: " + TITLE);
        assertThat(mails[0].getAllRecipients()).extracting(Object::toString).containsExactly("ml-team@example.com");
        assertThat(mails[0].getFrom()[0].toString()).isEqualTo("incident-bot@example.com");
        assertThat(mails[0].getSubject()).isEqualTo("🚨 " + sev1.id() + " SEV1: " + TITLE);
        String html = String.valueOf(((Multipart) mails[0].getContent()).getBodyPart(1).getContent());
        assertThat(html).doesNotContain("<script>", "<!channel>").contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt;");

        // the ticket: one, for the SEV4, its key in the SEV4's thread and on its timeline
        assertThat(services.calls("/rest/api/3/issue")).hasSize(1);
        assertThat(services.calls("/rest/api/3/issue").get(0).json().path("fields").path("summary").asText())
                .isEqualTo(sev4.id() + " SEV4: Logging format inconsistency");
        String rootTs = bot.bot.incidents().get(sev4.id()).messageTs();
        assertThat(slack.calls("chat.postMessage").stream().filter(c -> c.params().toString().contains("OPS-1")).toList())
                .singleElement().satisfies(c -> {
                    assertThat(c.param("channel")).isEqualTo("C0INCIDENT");
                    assertThat(c.param("thread_ts")).isEqualTo(rootTs);
                });
        assertThat(bot.bot.incidents().timeline(sev4.id())).anyMatch(e -> e.text().startsWith("Jira ticket OPS-1 opened: "));

        // no secret in the log
        assertThat(log.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain(KEY, JIRA_TOKEN, SMTP_PASSWORD));
    }
}
