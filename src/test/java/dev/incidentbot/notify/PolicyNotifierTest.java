package dev.incidentbot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules applied inside each change's transaction, read back from the outbox table of a real H2 store. */
class PolicyNotifierTest {
    private static final NotifyRules RULES = NotifyRules.of(Map.of(
            Severity.SEV1, new NotifyRule(List.of("C0CRITICAL"), true, List.of("ml-team@example.com"), false),
            Severity.SEV2, new NotifyRule(List.of("C0MLTEAM"), false, List.of("ml-lead@example.com"), false),
            Severity.SEV3, new NotifyRule(List.of(), false, List.of(), true),
            Severity.SEV4, new NotifyRule(List.of(), false, List.of(), true)));
    private static final NotifySettings ALL = new NotifySettings("rules.yml", "KEY", URI.create("http://127.0.0.1:1/v2/enqueue"),
            SmtpSettings.parse("smtp://127.0.0.1:25"), "bot@example.com",
            new NotifySettings.JiraSettings(URI.create("http://127.0.0.1:1"), "u", "t", "OPS"), null);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-02T14:30:00Z");
    private final List<String> announced = new CopyOnWriteArrayList<>();
    private final Fixtures.Thread thread = new Fixtures.Thread();
    private final AtomicInteger wakes = new AtomicInteger();
    private Database db;
    private IncidentService incidents;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:file:" + dir.resolve("db/bot").toAbsolutePath(), null, null);
        incidents = new IncidentService(db.jdbi(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void listen(NotifyRules rules, NotifySettings settings) {
        incidents.addTxListener(new PolicyNotifier(rules, settings, (h, i, channels) -> announced.add(i.id() + " " + channels),
                thread, Duration.ofMinutes(15), clock, h -> wakes.incrementAndGet()));
    }

    private Incident declare(String title, Severity s) {
        return incidents.declare(new IncidentService.Declaration(title, s, "", "U0ALICE", "C0INCIDENT", "slack"));
    }

    /** kind purpose incident, for every non-Slack outbox row, in the order written. */
    private List<String> rows() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT kind, purpose, incident_id FROM outbox WHERE kind <> 'slack' ORDER BY id")
                .map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list());
    }

    private String payload(String kind, String purpose) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM outbox WHERE kind = :k AND purpose = :p")
                .bind("k", kind).bind("p", purpose).mapTo(String.class).one());
    }

    @Test
    void aSev1IsAnnouncedInItsChannelsPagedAndMailedInTheDeclaringTransaction() {
        listen(RULES, ALL);
        Incident i = declare("Model API down", Severity.SEV1);

        assertThat(announced).containsExactly(i.id() + " [C0CRITICAL]");
        assertThat(rows()).containsExactly("pagerduty trigger " + i.id(), "mail incident-mail " + i.id());
        assertThat(payload("pagerduty", "trigger")).contains("\"severity\":\"critical\"", "\"dedup_key\":\"" + i.id() + "\"");
        assertThat(payload("mail", "incident-mail")).contains("\"to\":[\"ml-team@example.com\"]");
        assertThat(wakes.get()).isEqualTo(2);
    }

    @Test
    void aSev2IsMailedButNotPagedAndASev4BecomesATicket() {
        listen(RULES, ALL);
        Incident two = declare("Slow responses", Severity.SEV2);
        Incident four = declare("Logging format inconsistency", Severity.SEV4);

        assertThat(announced).containsExactly(two.id() + " [C0MLTEAM]");
        assertThat(rows()).containsExactly("mail incident-mail " + two.id(), "ticket incident-ticket " + four.id());
        assertThat(payload("ticket", "incident-ticket")).contains(four.id() + " SEV4: Logging format inconsistency");
    }

    @Test
    void withoutRulesNothingIsWrittenNorAnnounced() {
        listen(NotifyRules.none(), NotifySettings.none());
        Incident i = declare("Model API down", Severity.SEV1);
        incidents.postStatus(i.id(), "U0ALICE", "looking");
        incidents.resolve(i.id(), "U0ALICE", "restarted");

        assertThat(rows()).isEmpty();
        assertThat(announced).isEmpty();
        assertThat(thread.notes).isEmpty();
    }

    @Test
    void raisingToAPagedSeverityPagesOnceAndAddsTheNewChannelsAndMail() {
        listen(RULES, ALL);
        Incident i = declare("Slow responses", Severity.SEV3);
        incidents.changeSeverity(i.id(), "U0ALICE", Severity.SEV2);
        incidents.changeSeverity(i.id(), "U0ALICE", Severity.SEV1);

        assertThat(announced).containsExactly(i.id() + " [C0MLTEAM]", i.id() + " [C0CRITICAL]");
        assertThat(rows()).containsExactly("ticket incident-ticket " + i.id(), "mail incident-mail " + i.id(),
                "pagerduty trigger " + i.id(), "mail incident-mail " + i.id());
        assertThat(payload("pagerduty", "trigger")).contains("raised SEV2 → SEV1");
    }

    @Test
    void loweringDoesNotUnpageButSaysSoInTheThreadAndResolvingResolvesThePage() {
        listen(RULES, ALL);
        Incident i = declare("Model API down", Severity.SEV1);
        incidents.changeSeverity(i.id(), "U0ALICE", Severity.SEV3);
        incidents.resolve(i.id(), "U0ALICE", "restarted");

        assertThat(thread.notes).containsExactly(i.id() + " 📟 The PagerDuty page stays open: lowering to SEV3 does not un-page. "
                + "It is resolved when " + i.id() + " is resolved.");
        assertThat(rows()).containsExactly("pagerduty trigger " + i.id(), "mail incident-mail " + i.id(),
                "pagerduty resolve " + i.id());
    }

    @Test
    void theCommandersFirstStatusUpdateAcknowledgesThePageOnce() {
        listen(RULES, ALL);
        Incident i = declare("Model API down", Severity.SEV1);
        incidents.postStatus(i.id(), "U0BOB", "I see it too"); // not the commander
        incidents.postStatus(i.id(), "U0ALICE", "rolling back");
        incidents.postStatus(i.id(), "U0ALICE", "rolled back, watching");
        incidents.resolve(i.id(), "U0ALICE", "rolled back to v1.2");

        assertThat(rows()).containsExactly("pagerduty trigger " + i.id(), "mail incident-mail " + i.id(),
                "pagerduty acknowledge " + i.id(), "pagerduty resolve " + i.id(), "mail resolved-mail " + i.id());
        assertThat(payload("mail", "resolved-mail")).contains("INCIDENT RESOLVED", "rolled back to v1.2");
    }

    @Test
    void anUnpagedIncidentIsNeitherAcknowledgedNorResolvedInPagerDuty() {
        listen(RULES, ALL);
        Incident i = declare("Slow responses", Severity.SEV2);
        incidents.postStatus(i.id(), "U0ALICE", "rolling back");
        incidents.resolve(i.id(), "U0ALICE", "rolled back");

        assertThat(rows()).containsExactly("mail incident-mail " + i.id(), "mail resolved-mail " + i.id());
    }

    @Test
    void anEscalationStepThatNamesPagerDutyPagesAndItsPageIsResolvedWithTheIncident() {
        listen(NotifyRules.none(), ALL);
        Incident i = declare("Slow responses", Severity.SEV3);
        PolicyNotifier policy = new PolicyNotifier(NotifyRules.none(), ALL, (h, x, c) -> { }, thread, Duration.ofMinutes(15),
                clock, h -> { });
        List<String> slack = new CopyOnWriteArrayList<>();
        EscalationPager pager = new EscalationPager(new dev.incidentbot.reminder.ReminderNotifier() {
            @Override
            public void statusReminderDue(org.jdbi.v3.core.Handle h, Incident incident, java.time.Instant last, Duration cadence,
                                          java.time.Instant now) {
            }

            @Override
            public void escalate(org.jdbi.v3.core.Handle h, Incident incident, dev.incidentbot.Config.EscalationStep step,
                                 Duration after, java.time.Instant now) {
                slack.add(step.mention());
            }
        }, policy, db.jdbi());
        db.jdbi().useTransaction(h -> pager.escalate(h, i, new dev.incidentbot.Config.EscalationStep(Duration.ofMinutes(20), "pagerduty"),
                Duration.ofMinutes(20), clock.instant()));
        db.jdbi().useTransaction(h -> pager.escalate(h, i, new dev.incidentbot.Config.EscalationStep(Duration.ofMinutes(10), "U0MANAGER"),
                Duration.ofMinutes(10), clock.instant()));
        incidents.resolve(i.id(), "U0ALICE", "fixed");

        assertThat(slack).containsExactly("PagerDuty (paging the on-call)", "<@U0MANAGER>");
        assertThat(rows()).containsExactly("pagerduty trigger " + i.id(), "pagerduty resolve " + i.id());
        assertThat(payload("pagerduty", "trigger")).contains("escalation step PT20M", "\"severity\":\"warning\"");
    }
}
