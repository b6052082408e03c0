package dev.incidentbot.slack;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.slack.blocks.IncidentBlocks;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.SlackRequests;
import dev.incidentbot.support.TestBot;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The announcement's buttons and modals go through the same services as the commands. */
@BothStores
class NotificationButtonsTest {
    private final TestStore store;

    NotificationButtonsTest(TestStore store) {
        this.store = store;
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestBot bot;
    Incident incident;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi();
        bot = TestBot.start(store, dir, slack, new MutableClock(Instant.now()), Map.of());
        incident = bot.bot.incidents().declare(new dev.incidentbot.incident.IncidentService.Declaration(
                "Checkout errors", Severity.SEV3, null, "U0ALICE", "C0INCIDENT", "slack"));
    }

    @AfterEach
    void stop() {
        bot.close();
        slack.close();
    }

    private HttpResponse<String> action(Map<String, Object> payload) throws Exception {
        return bot.requests.post(SlackRequests.actionBody(payload), "application/x-www-form-urlencoded", null, false, null);
    }

    private Map<String, Object> blockAction(String actionId, Map<String, Object> action) {
        Map<String, Object> a = new java.util.HashMap<>(action);
        a.put("action_id", actionId);
        a.put("block_id", "incident_actions");
        a.put("action_ts", "1.2");
        return Map.of("type", "block_actions", "user", Map.of("id", "U0BOB", "username", "bob", "team_id", "T0TEAM"),
                "team", Map.of("id", "T0TEAM"), "api_app_id", "A0BOT", "trigger_id", "trig-1", "token", "x",
                "response_url", slack.responseUrl("button"), "channel", Map.of("id", "C0INCIDENT"), "actions", List.of(a));
    }

    @Test
    void changeSeveritySelectActsDirectly() throws Exception {
        HttpResponse<String> r = action(blockAction(IncidentBlocks.ACTION_SEVERITY, Map.of("type", "static_select",
                "selected_option", Map.of("text", Map.of("type", "plain_text", "text", "SEV1"), "value", incident.id() + "|SEV1"))));
        assertThat(r.statusCode()).isEqualTo(200);
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("severity changed"), WAIT);
        assertThat(bot.bot.incidents().get(incident.id()).severity()).isEqualTo(Severity.SEV1);
    }

    @Test
    void postUpdateOpensAModalWhoseSubmissionPostsTheUpdate() throws Exception {
        action(blockAction(IncidentBlocks.ACTION_UPDATE, Map.of("type", "button", "value", incident.id())));
        var open = slack.await(c -> c.method().equals("views.open"), WAIT);
        assertThat(open.param("trigger_id")).isEqualTo("trig-1");
        assertThat(open.shown()).contains(SlackApp.UPDATE_MODAL, incident.id());
        HttpResponse<String> r = action(Map.of("type", "view_submission", "user", Map.of("id", "U0BOB"), "team", Map.of("id", "T0TEAM"),
                "api_app_id", "A0BOT", "token", "x", "view", Map.of("id", "V1", "type", "modal", "callback_id", SlackApp.UPDATE_MODAL,
                        "private_metadata", incident.id(), "state", Map.of("values", Map.of("text_block",
                                Map.of("text", Map.of("type", "plain_text_input", "value", "Drained pod-7, errors falling")))))));
        assertThat(r.statusCode()).isEqualTo(200);
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("Drained pod-7"), WAIT);
        assertThat(bot.bot.incidents().timeline(incident.id())).anySatisfy(e -> {
            assertThat(e.text()).isEqualTo("Drained pod-7, errors falling");
            assertThat(e.actor()).isEqualTo("U0BOB");
        });
    }

    @Test
    void resolveButtonOpensAModalWhoseSubmissionResolvesTheIncident() throws Exception {
        assertThat(action(blockAction(IncidentBlocks.ACTION_RESOLVE, Map.of("type", "button", "value", incident.id()))).statusCode())
                .isEqualTo(200);
        var open = slack.await(c -> c.method().equals("views.open"), WAIT);
        assertThat(open.param("trigger_id")).isEqualTo("trig-1");
        assertThat(open.shown()).contains(SlackApp.RESOLVE_MODAL, incident.id());
        assertThat(bot.bot.incidents().get(incident.id()).status()).as("a click alone resolves nothing").isEqualTo(IncidentStatus.INVESTIGATING);
        HttpResponse<String> r = action(Map.of("type", "view_submission", "user", Map.of("id", "U0BOB"), "team", Map.of("id", "T0TEAM"),
                "api_app_id", "A0BOT", "token", "x", "view", Map.of("id", "V1", "type", "modal", "callback_id", SlackApp.RESOLVE_MODAL,
                        "private_metadata", incident.id(), "state", Map.of("values", Map.of("text_block",
                                Map.of("text", Map.of("type", "plain_text_input", "value", "Rolled back v1.3")))))));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("errors");
        assertThat(bot.bot.incidents().get(incident.id()).status()).isEqualTo(IncidentStatus.RESOLVED);
        slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("Rolled back v1.3"), WAIT);
    }

    @Test
    void resolveModalRefusesAnEmptyResolutionInline() throws Exception {
        HttpResponse<String> r = action(Map.of("type", "view_submission", "user", Map.of("id", "U0BOB"), "team", Map.of("id", "T0TEAM"),
                "api_app_id", "A0BOT", "token", "x", "view", Map.of("id", "V1", "type", "modal", "callback_id", SlackApp.RESOLVE_MODAL,
                        "private_metadata", incident.id(), "state", Map.of("values", Map.of("text_block",
                                Map.of("text", Map.of("type", "plain_text_input", "value", "  ")))))));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"response_action\":\"errors\"", "text_block");
        assertThat(bot.bot.incidents().get(incident.id()).status()).isEqualTo(IncidentStatus.INVESTIGATING);
    }
}
