package dev.incidentbot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.ServiceStandIn;
import dev.incidentbot.support.TestBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The whole bot when the far side refuses: Jira with a wrong token, PagerDuty with a 400. Each call is tried once
 * (no retry can mend it) and each failure is one clear line in its incident's thread; no credential anywhere.
 */
class NotifyRefusedIntegrationTest {
    private static final String WRONG_TOKEN = "jira-WRONG-t0ken-777";
    private static final String KEY = "R0UTINGKEY-refused-00000000000001";
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private FakeSlackApi slack;
    private ServiceStandIn jira;
    private ServiceStandIn pagerDuty;
    private TestBot bot;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        log.start();
        slack = new FakeSlackApi();
        jira = new ServiceStandIn().jiraAccepts("bot@example.com", "the-right-token");
        pagerDuty = new ServiceStandIn();
        pagerDuty.failNext(new ServiceStandIn.Failure(400, null,
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Invalid routing key\"]}"));
        Path rules = dir.resolve("notify.yml");
        Files.writeString(rules, "SEV1: {page: true}\nSEV4: {ticket: true}\n");
        bot = TestBot.start(dir, slack, Clock.systemUTC(), Map.of("NOTIFY_RULES", rules.toString(),
                "PAGERDUTY_ROUTING_KEY", KEY, "PAGERDUTY_EVENTS_URL", pagerDuty.url() + "/v2/enqueue",
                "JIRA_URL", jira.url(), "JIRA_USER", "bot@example.com", "JIRA_TOKEN", WRONG_TOKEN, "JIRA_PROJECT", "OPS"));
    }

    @AfterEach
    void stop() {
        bot.close();
        jira.close();
        pagerDuty.close();
        slack.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    private List<FakeSlackApi.Call> inThread(Incident i, String text) {
        String root = bot.bot.incidents().get(i.id()).messageTs();
        return slack.calls("chat.postMessage").stream().filter(c -> root != null && root.equals(c.param("thread_ts"))
                && c.params().toString().contains(text)).toList();
    }

    @Test
    void aWrongTokenAndARefusedPageAreEachTriedOnceAndSaidInTheirThreadInOneLine() throws Exception {
        IncidentService incidents = bot.bot.incidents();
        Incident sev4 = incidents.declare(new IncidentService.Declaration("Logging format inconsistency", Severity.SEV4, "",
                "U0ALICE", "C0INCIDENT", "slack"));
        Incident sev1 = incidents.declare(new IncidentService.Declaration("Model API down", Severity.SEV1, "",
                "U0ALICE", "C0INCIDENT", "slack"));
        slack.await(c -> c.params().toString().contains("Jira ticket not opened"), WAIT);
        slack.await(c -> c.params().toString().contains("PagerDuty trigger not sent"), WAIT);
        assertThat(bot.bot.outbox().awaitIdle(WAIT.toMillis())).isTrue();
        Thread.sleep(1500); // another poll of every lane: a retry would show now

        assertThat(jira.calls).extracting(ServiceStandIn.Call::status).containsExactly(401);
        assertThat(pagerDuty.calls).extracting(ServiceStandIn.Call::status).containsExactly(400);
        assertThat(inThread(sev4, "⚠️")).singleElement().satisfies(c -> assertThat(c.param("text"))
                .isEqualTo("⚠️ Jira ticket not opened: Jira refused the credentials (HTTP 401); check the settings"));
        assertThat(inThread(sev1, "⚠️")).singleElement().satisfies(c -> assertThat(c.param("text"))
                .isEqualTo("⚠️ PagerDuty trigger not sent: PagerDuty refused the request (HTTP 400)"));
        assertThat(slack.calls()).allSatisfy(c -> assertThat(c.raw()).doesNotContain(WRONG_TOKEN, KEY));
        assertThat(log.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(WRONG_TOKEN, KEY));
    }
}
