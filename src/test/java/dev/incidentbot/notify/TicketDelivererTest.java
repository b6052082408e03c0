package dev.incidentbot.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineKind;
import dev.incidentbot.outbox.DeliveryFailure;
import dev.incidentbot.outbox.OutboxEntry;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.ServiceStandIn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jira and GitHub tickets through stand-ins of their create-issue APIs; what follows an opened ticket, on H2. */
class TicketDelivererTest {
    private static final String JIRA_TOKEN = "jira-T0KEN-abc123";
    private static final String GITHUB_TOKEN = "ghp_S3CRETgithubT0ken";
    private static final String LINK = "https://slack.com/archives/C0INCIDENT/p1772461800000100";

    @TempDir
    Path dir;

    private ServiceStandIn service;
    private Database db;
    private IncidentService incidents;
    private final Fixtures.Thread thread = new Fixtures.Thread();
    private final List<String> actionItems = new ArrayList<>();
    private final MutableClock clock = MutableClock.at("2026-03-02T14:30:00Z");

    @BeforeEach
    void start() throws Exception {
        service = new ServiceStandIn().jiraAccepts("bot@example.com", JIRA_TOKEN).githubAccepts(GITHUB_TOKEN);
        db = Database.open("jdbc:h2:file:" + dir.resolve("db/bot").toAbsolutePath(), null, null);
        incidents = new IncidentService(db.jdbi(), clock);
    }

    @AfterEach
    void stop() {
        service.close();
        db.close();
    }

    private TicketDeliverer jira(String token) {
        var settings = new NotifySettings.JiraSettings(URI.create(service.url()), "bot@example.com", token, "OPS");
        return deliverer(new JiraTickets(OutboundHttp.standard(), settings));
    }

    private TicketDeliverer github(String token) {
        var settings = new NotifySettings.GitHubSettings(URI.create(service.url()), "acme/ml-platform", token);
        return deliverer(new GitHubTickets(OutboundHttp.standard(), settings));
    }

    private TicketDeliverer deliverer(TicketSystem tracker) {
        return new TicketDeliverer(tracker, id -> Optional.of(LINK), thread,
                (h, noteId, created) -> actionItems.add(noteId + " " + created.key()), clock);
    }

    private static OutboxEntry ticket(Incident i, long retroNote) {
        Ticket t = new Ticket(i.id() + " " + i.severity().name() + ": " + i.title(), PolicyNotifier.ticketText(i), null, retroNote);
        return Fixtures.entry(7, OutboundKinds.TICKET, i.id(), "incident-ticket", TicketDeliverer.payload(t), 0);
    }

    private Incident declare(String title) {
        return incidents.declare(new IncidentService.Declaration(title, Severity.SEV4, "", "U0ALICE", "C0INCIDENT", "slack"));
    }

    @Test
    void jiraGetsBasicAuthTheProjectAndAnAdfDescriptionWithTheLinkBackToSlack() throws Exception {
        Incident i = declare("Logging format inconsistency");
        String ref = jira(JIRA_TOKEN).deliver(ticket(i, 0));

        assertThat(ref).isEqualTo("OPS-1 " + service.url() + "/browse/OPS-1");
        ServiceStandIn.Call call = service.calls("/rest/api/3/issue").get(0);
        assertThat(call.status()).isEqualTo(201);
        assertThat(call.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(("bot@example.com:" + JIRA_TOKEN).getBytes(StandardCharsets.UTF_8)));
        JsonNode f = call.json().path("fields");
        assertThat(f.path("project").path("key").asText()).isEqualTo("OPS");
        assertThat(f.path("issuetype").path("name").asText()).isEqualTo("Task");
        assertThat(f.path("summary").asText()).isEqualTo(i.id() + " SEV4: Logging format inconsistency");
        JsonNode doc = f.path("description");
        assertThat(doc.path("type").asText()).isEqualTo("doc");
        assertThat(doc.path("version").asInt()).isEqualTo(1);
        assertThat(doc.toString()).contains("Title: Logging format inconsistency");
        JsonNode last = doc.path("content").get(doc.path("content").size() - 1).path("content").get(1);
        assertThat(last.path("text").asText()).isEqualTo(LINK);
        assertThat(last.path("marks").get(0).path("attrs").path("href").asText()).isEqualTo(LINK);
    }

    @Test
    void anOpenedTicketGoesOnTheTimelineAndInTheThreadInTheMarkingTransaction() {
        Incident i = declare("Logging format inconsistency");
        TicketDeliverer d = jira(JIRA_TOKEN);
        db.jdbi().useTransaction(h -> d.delivered(h, ticket(i, 0), "OPS-1 https://acme.atlassian.net/browse/OPS-1"));

        assertThat(incidents.timeline(i.id())).filteredOn(e -> e.kind() == TimelineKind.NOTE)
                .extracting(e -> e.text()).containsExactly("Jira ticket OPS-1 opened: https://acme.atlassian.net/browse/OPS-1");
        assertThat(thread.notes).containsExactly(i.id() + " 🎫 Jira ticket OPS-1 opened: https://acme.atlassian.net/browse/OPS-1");
        assertThat(actionItems).isEmpty();
    }

    @Test
    void aTicketForARetroActionItemIsRecordedOnTheItem() {
        Incident i = declare("Logging format inconsistency");
        TicketDeliverer d = jira(JIRA_TOKEN);
        db.jdbi().useTransaction(h -> d.delivered(h, ticket(i, 42), "OPS-2 https://acme.atlassian.net/browse/OPS-2"));

        assertThat(actionItems).containsExactly("42 OPS-2");
        assertThat(thread.notes).containsExactly(i.id() + " 🎫 Jira action item ticket OPS-2 opened: https://acme.atlassian.net/browse/OPS-2");
    }

    @Test
    void aWrongJiraTokenIsFinalSaysWhatToCheckAndNeverShowsTheToken() {
        Incident i = declare("Logging format inconsistency");
        TicketDeliverer d = jira("not-the-token-999");
        DeliveryFailure f = catchThrowableOfType(DeliveryFailure.class, () -> d.deliver(ticket(i, 0)));
        d.gaveUp(null, ticket(i, 0), f.getMessage());

        assertThat(f.retryable()).isFalse();
        assertThat(service.calls).extracting(ServiceStandIn.Call::status).containsExactly(401);
        assertThat(thread.notes).containsExactly(i.id() + " ⚠️ Jira ticket not opened: Jira refused the credentials (HTTP 401); check the settings");
        assertThat(thread.notes.get(0)).doesNotContain("not-the-token-999");
    }

    @Test
    void githubGetsABearerTokenAndAnIssueWhoseUrlIsTheReference() throws Exception {
        Incident i = declare("Logging format inconsistency");
        String ref = github(GITHUB_TOKEN).deliver(ticket(i, 0));

        assertThat(ref).isEqualTo("#1 https://github.com/acme/ml-platform/issues/1");
        ServiceStandIn.Call call = service.calls("/repos/acme/ml-platform/issues").get(0);
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + GITHUB_TOKEN);
        assertThat(call.json().path("title").asText()).isEqualTo(i.id() + " SEV4: Logging format inconsistency");
        assertThat(call.json().path("body").asText()).contains("[Slack thread](" + LINK + ")");
    }

    @Test
    void aWrongGithubTokenIsFinal() {
        Incident i = declare("x");
        DeliveryFailure f = catchThrowableOfType(DeliveryFailure.class, () -> github("ghp_wrong").deliver(ticket(i, 0)));
        assertThat(f.retryable()).isFalse();
        assertThat(f.getMessage()).isEqualTo("GitHub refused the credentials (HTTP 401); check the settings").doesNotContain("ghp_wrong");
    }

    @Test
    void aJiraOutageIsRetryableAndA429KeepsItsRetryAfter() {
        Incident i = declare("x");
        service.failNext(new ServiceStandIn.Failure(502, null, "{}"), new ServiceStandIn.Failure(429, "30", "{}"));
        TicketDeliverer d = jira(JIRA_TOKEN);
        DeliveryFailure outage = catchThrowableOfType(DeliveryFailure.class, () -> d.deliver(ticket(i, 0)));
        DeliveryFailure slow = catchThrowableOfType(DeliveryFailure.class, () -> d.deliver(ticket(i, 0)));
        assertThat(outage.retryable()).isTrue();
        assertThat(slow.retryAfter()).hasSeconds(30);
        assertThat(service.calls).extracting(ServiceStandIn.Call::status).containsExactly(502, 429);
    }

    @Test
    void aHostileTitleIsPlainTextInJiraAndFencedInGithub() throws Exception {
        Incident i = declare(Fixtures.HOSTILE);
        jira(JIRA_TOKEN).deliver(ticket(i, 0));
        github(GITHUB_TOKEN).deliver(ticket(i, 0));

        JsonNode jira = service.calls("/rest/api/3/issue").get(0).json().path("fields");
        assertThat(jira.path("summary").asText()).isEqualTo(i.id() + " SEV4: " + Fixtures.HOSTILE);
        // ADF has no markup: the title is a text node's value, shown as typed
        assertThat(jira.path("description").path("content").get(1).path("content").get(0).path("text").asText())
                .isEqualTo("Title: " + Fixtures.HOSTILE);
        String body = service.calls("/repos/acme/ml-platform/issues").get(0).json().path("body").asText();
        assertThat(body).startsWith("~~~~~~~~text\n").contains("Title: " + Fixtures.HOSTILE + "\n");
        int fenceEnd = body.indexOf("\n~~~~~~~~\n");
        assertThat(body.indexOf(Fixtures.HOSTILE)).isBetween(0, fenceEnd);
    }
}
