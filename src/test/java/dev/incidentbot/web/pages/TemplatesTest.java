package dev.incidentbot.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.IncidentSummary;
import dev.incidentbot.incident.ResponseStats;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineEntry;
import dev.incidentbot.incident.TimelineKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The precompiled templates render records as HTML with every value escaped, in text and in attributes. */
class TemplatesTest {
    static final Templates TEMPLATES = new Templates();
    static final Instant AT = Instant.parse("2026-03-14T18:06:00Z");
    static final String EVIL = "<script>alert(1)</script> & \"quoted\" 'single'";

    static String render(String name, Object model) {
        return new String(TEMPLATES.render(name, model), StandardCharsets.UTF_8);
    }

    @Test
    void theListEscapesTitlesAndCommandersAndTheFilterEchoInAttributes() {
        IncidentSummary row = new IncidentSummary("INC-2026-001", EVIL, Severity.SEV2, IncidentStatus.INVESTIGATING, "<b>eve</b>", AT, null);
        String html = render("list.jte", new ListView(new Chrome("Incidents", "U0<x>"), ListQuery.none(), List.of(row), 1, null, null, null));
        assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("<b>eve</b>").doesNotContain("U0<x>")
                .contains("<td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quoted\" 'single'</td>")
                .contains("&lt;b&gt;eve&lt;/b&gt;").contains("Signed in as <b>U0&lt;x&gt;</b>")
                .contains("href=\"/incidents/INC-2026-001\"").contains("2026-03-14 18:06 UTC");
        assertThat(html).doesNotContainPattern("<script");
    }

    @Test
    void anErrorMessageEchoingTheQueryIsEscaped() {
        String html = render("list.jte", new ListView(new Chrome("Incidents", "U0ALICE"), ListQuery.none(), List.of(), 0, null, null,
                "“\"><img src=x onerror=alert(1)>” is not a severity"));
        assertThat(html).doesNotContain("<img src=x").contains("“\"&gt;&lt;img src=x onerror=alert(1)&gt;”");
    }

    @Test
    void theIncidentPageEscapesTheRecordAndTheTimelineAndLinksTheChart() {
        Incident i = new Incident("INC-2026-007", EVIL, "desc <i>x</i>", Severity.SEV1, IncidentStatus.RESOLVED, "U0ALICE", "U0BOB", "slack",
                true, AT, AT, AT.plus(Duration.ofMinutes(42)), "<root>", "rolled back", null, "C0", "1.0", null);
        TimelineEntry e = new TimelineEntry(1, i.id(), AT, TimelineKind.STATUS, "U0BOB", "<a href=javascript:alert(1)>x</a>");
        var analysis = new dev.incidentbot.investigation.AnalysisSummary(5, AT, "log source api", "ANOMALY", "v1.3 \"><slow>", "U0BOB", true);
        String html = render("incident.jte", new IncidentView(new Chrome("INC-2026-007", "U0ALICE"), i, List.of(e), List.of(), List.of(analysis), List.of()));
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<i>x</i>").doesNotContain("<a href=javascript")
                .doesNotContain("<root>").contains("&lt;root&gt;")
                .contains("src=\"/incidents/INC-2026-007/analyses/5/chart.png\"")
                .as("a quote in an attribute cannot end it").contains("alt=\"Latency and failure rate over time: v1.3 &#34;>&lt;slow>\"")
                .contains("href=\"/incidents/INC-2026-007/postmortem.md\"")
                .contains("after 42 minutes").contains("SEV1 (CRITICAL)");
    }

    @Test
    void theStatsRowShowsTheFiguresNextToThePolicyTargets() {
        ResponseStats.Row row = new ResponseStats.Row(Severity.SEV3, 4, 4, Duration.ofMinutes(12), Duration.ofMinutes(50), 1.0,
                3, Duration.ofHours(5), Duration.ofHours(30), 2 / 3.0);
        String html = render("stats.jte", new StatsView(new Chrome("Response times", "U0ALICE"), 12, List.of(row), List.of()));
        assertThat(html.replaceAll("\\s+", " ")).contains("<td>12 minutes</td><td>50 minutes</td><td>under 2 hours</td><td>100%</td>")
                .contains("<td>5 hours</td><td>30 hours</td><td>1 day</td><td>67%</td>");
    }

    @Test
    void theLoginPageSaysHowToGetALinkAndShowsNoSignOut() {
        String html = render("login.jte", new MessageView(new Chrome("Sign in", null), "Sign in", "This sign-in link has expired"));
        assertThat(html).contains("<code>/incident web</code>").contains("This sign-in link has expired").doesNotContain("/logout");
    }
}
