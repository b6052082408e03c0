package dev.incidentbot.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.investigation.AnalysisRepository;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

/** The pages over HTTP on loopback against the whole bot: redirects, cookies, headers, status codes, downloads, metrics. */
class PagesHttpTest {
    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestBot bot;
    MutableClock clock = new MutableClock(Instant.now());
    HttpClient http = HttpClient.newHttpClient(); // follows no redirects: each 302 is seen as it is

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi();
        bot = TestBot.start(dir, slack, clock, Map.of());
    }

    @AfterEach
    void stop() {
        bot.close();
        slack.close();
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(bot.url(path)));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String path, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(bot.url(path))).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Signs in through /incident web and returns the "name=value" cookie to send. */
    String signIn(String user) throws Exception {
        HttpResponse<String> r = get(relative(SignInLinks.link(bot, slack, user)), null);
        assertThat(r.statusCode()).isEqualTo(302);
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    static String relative(String link) {
        return link.substring(link.indexOf("/login"));
    }

    Incident declare(String title, Severity s) {
        return bot.bot.incidents().declare(new IncidentService.Declaration(title, s, null, "U0ALICE", "C0INCIDENT", "slack"));
    }

    @Test
    void everyPageWithoutASessionRedirectsToTheLoginPageWhichSaysHowToGetALink() throws Exception {
        Incident i = declare("Checkout errors", Severity.SEV1);
        for (String path : List.of("/incidents", "/incidents?severity=SEV1", "/incidents/" + i.id(), "/incidents/" + i.id() + "/postmortem.md",
                "/incidents/" + i.id() + "/analyses/1/chart.png", "/stats", "/stats/weekly.png")) {
            for (String cookie : new String[] {null, SessionCookie.NAME + "=forged", SessionCookie.NAME + "=" + "A".repeat(43)}) {
                HttpResponse<String> r = get(path, cookie);
                assertThat(r.statusCode()).as(path + " with " + cookie).isEqualTo(302);
                assertThat(r.headers().firstValue("Location")).as(path).contains("/login");
                assertThat(r.body()).doesNotContain("Checkout errors");
            }
        }
        HttpResponse<String> login = get("/login", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<code>/incident web</code>").doesNotContain("Sign out");
    }

    @Test
    void theLinkSignsInOnceWithAnHttpOnlyLaxCookieAndRedirectsToTheIncidents() throws Exception {
        String link = SignInLinks.link(bot, slack, "U0ALICE");
        assertThat(link).startsWith("http://localhost:" + bot.bot.port() + "/login?token=");
        HttpResponse<String> first = get(relative(link), null);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).contains("/incidents");
        String setCookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(SessionCookie.NAME + "=").contains("; HttpOnly", "; SameSite=Lax", "; Path=/", "; Max-Age=43200")
                .doesNotContain("Secure");
        String cookie = setCookie.split(";", 2)[0];
        HttpResponse<String> list = get("/incidents", cookie);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Signed in as <b>U0ALICE</b>");

        HttpResponse<String> again = get(relative(link), null);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("already used").contains("/incident web");
        assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(slack.calls()).filteredOn(c -> !c.method().equals("response_url")).noneMatch(c -> c.shown().contains("/login?token="));
    }

    @Test
    void anExpiredLinkShowsTheLoginPageWithTheReasonAndOpensNoSession() throws Exception {
        String link = SignInLinks.link(bot, slack, "U0ALICE");
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        HttpResponse<String> r = get(relative(link), null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("expired").contains("/incident web");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(get("/login?token=not-a-token", null).body()).contains("not valid");
    }

    @Test
    void behindAnHttpsPublicUrlTheLinkUsesItAndTheCookieIsSecure() throws Exception {
        bot.close();
        bot = TestBot.start(dir, slack, clock, Map.of("PUBLIC_URL", "https://incidents.example.com/"));
        String link = SignInLinks.link(bot, slack, "U0ALICE");
        assertThat(link).startsWith("https://incidents.example.com/login?token=");
        HttpResponse<String> r = get(relative(link), null);
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure", "; HttpOnly", "; SameSite=Lax");
    }

    @Test
    void pagesCarrySecurityHeadersAndTheStylesheetIsCacheable() throws Exception {
        String cookie = signIn("U0ALICE");
        for (String path : List.of("/login", "/incidents", "/stats")) {
            HttpResponse<String> r = get(path, cookie);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).contains(Html.CSP);
            assertThat(Html.CSP).doesNotContain("script-src").doesNotContain("unsafe-inline").contains("default-src 'none'");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(r.headers().firstValue("Cache-Control")).as(path).contains("no-store");
            assertThat(r.headers().firstValue("Content-Type")).as(path).contains("text/html; charset=utf-8");
        }
        HttpResponse<String> css = get("/static/style.css", null);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
        assertThat(css.headers().firstValue("Cache-Control")).contains("public, max-age=86400");
        assertThat(css.body()).contains("@media");
    }

    @Test
    void anUnknownIncidentIs404AndABadFilterIs400WithAMessageAndNoStackTrace() throws Exception {
        String cookie = signIn("U0ALICE");
        HttpResponse<String> missing = get("/incidents/INC-2099-999", cookie);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no incident INC-2099-999.");
        assertThat(get("/incidents/INC-2099-999/postmortem.md", cookie).statusCode()).isEqualTo(404);
        assertThat(get("/incidents/INC-2099-999/whatever", cookie).statusCode()).isEqualTo(404);
        assertThat(get("/incidents/%3Cscript%3E", cookie).statusCode()).isEqualTo(404);
        for (String q : List.of("severity=SEV9", "status=closed", "from=yesterday", "page=-1")) {
            HttpResponse<String> bad = get("/incidents?" + q, cookie);
            assertThat(bad.statusCode()).as(q).isEqualTo(400);
            assertThat(bad.body()).as(q).contains("class=\"problem\"").doesNotContain("Exception").doesNotContain("at dev.incidentbot");
        }
        assertThat(get("/incidents?severity=SEV9", cookie).body()).contains("is not a severity: use SEV1, SEV2, SEV3 or SEV4.");
    }

    @Test
    void filtersAndPagingListTheRightIncidentsNewestFirst() throws Exception {
        for (int n = 0; n < 52; n++) {
            declare("Minor thing " + n, Severity.SEV3);
            clock.advance(Duration.ofSeconds(1));
        }
        Incident major = declare("Checkout down", Severity.SEV1);
        bot.bot.incidents().resolve(declare("Search slow", Severity.SEV2).id(), "U0ALICE", "reindexed");
        String cookie = signIn("U0ALICE");

        String first = get("/incidents", cookie).body();
        assertThat(rows(first)).isEqualTo(50);
        assertThat(first).contains("54 incidents, page 1").contains("Search slow").contains("href=\"/incidents?page=2\"");
        String second = get("/incidents?page=2", cookie).body();
        assertThat(rows(second)).isEqualTo(4);
        assertThat(second).contains("Minor thing 0").doesNotContain("Older →").contains("href=\"/incidents\"");

        String sev1 = get("/incidents?severity=SEV1", cookie).body();
        assertThat(rows(sev1)).isEqualTo(1);
        assertThat(sev1).contains(major.id()).contains("<option value=\"SEV1\" selected>");
        String resolved = get("/incidents?status=resolved", cookie).body();
        assertThat(rows(resolved)).isEqualTo(1);
        assertThat(resolved).contains("Search slow");
        assertThat(rows(get("/incidents?status=open&severity=SEV2", cookie).body())).isZero();
        String today = clock.instant().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
        assertThat(rows(get("/incidents?from=" + today + "&to=" + today + "&severity=SEV1", cookie).body())).isEqualTo(1);
        assertThat(rows(get("/incidents?to=2000-01-01", cookie).body())).isZero();
    }

    static int rows(String html) {
        return html.split("<td><a href=\"/incidents/INC-", -1).length - 1;
    }

    @Test
    void theIncidentPageShowsTheRecordAndServesItsChartAndPostmortem() throws Exception {
        Incident i = declare("Checkout errors", Severity.SEV1);
        Incident other = declare("Other", Severity.SEV4);
        bot.bot.incidents().postStatus(i.id(), "U0BOB", "Failing over to the secondary provider");
        byte[] png = WeeklyChart.png(List.of(new dev.incidentbot.incident.ResponseStats.Week(java.time.LocalDate.parse("2026-03-02"), 3)));
        long analysis = bot.bot.database().jdbi().withExtension(AnalysisRepository.class, r -> r.insert(i.id(), clock.instant(),
                "log source api", "ANOMALY", "v1.3 of risk-score times out", "U0BOB", "{}", png));
        String cookie = signIn("U0ALICE");

        HttpResponse<String> page = get("/incidents/" + i.id(), cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Checkout errors", "Failing over to the secondary provider", "Timeline", "SEV1 (CRITICAL)",
                "v1.3 of risk-score times out", "src=\"/incidents/" + i.id() + "/analyses/" + analysis + "/chart.png\"");
        assertThat(get("/incidents/" + i.id().toLowerCase(java.util.Locale.ROOT), cookie).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> chart = bytes("/incidents/" + i.id() + "/analyses/" + analysis + "/chart.png", cookie);
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(chart.body()).isEqualTo(png);
        assertThat(bytes("/incidents/" + other.id() + "/analyses/" + analysis + "/chart.png", cookie).statusCode())
                .as("a chart is only served under its own incident").isEqualTo(404);

        HttpResponse<String> md = get("/incidents/" + i.id() + "/postmortem.md", cookie);
        assertThat(md.statusCode()).isEqualTo(200);
        assertThat(md.headers().firstValue("Content-Type")).contains("text/markdown; charset=utf-8");
        assertThat(md.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"postmortem-" + i.id() + ".md\"");
        assertThat(md.body()).isEqualTo(new dev.incidentbot.retro.RetroService(bot.bot.database().jdbi(), bot.bot.incidents(), null, clock)
                .markdown(i.id()));
    }

    @Test
    void theStatsPageShowsTimesAgainstTargetsAndItsChartIsAPng() throws Exception {
        Incident i = declare("Search slow", Severity.SEV3);
        clock.advance(Duration.ofMinutes(5));
        bot.bot.incidents().postStatus(i.id(), "U0BOB", "looking");
        clock.advance(Duration.ofMinutes(40));
        bot.bot.incidents().resolve(i.id(), "U0BOB", "reindexed");
        String cookie = signIn("U0ALICE");
        String stats = get("/stats", cookie).body().replaceAll("\\s+", " ");
        assertThat(stats).contains("<td>5 minutes</td><td>5 minutes</td><td>under 2 hours</td><td>100%</td>")
                .contains("<td>45 minutes</td><td>45 minutes</td><td>1 day</td><td>100%</td>");
        HttpResponse<byte[]> chart = bytes("/stats/weekly.png", cookie);
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(new String(chart.body(), 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookie() throws Exception {
        String cookie = signIn("U0ALICE");
        HttpResponse<String> out = http.send(HttpRequest.newBuilder(URI.create(bot.url("/logout"))).header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).contains("/login");
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith(SessionCookie.NAME + "=;").contains("Max-Age=0");
        assertThat(get("/incidents", cookie).statusCode()).isEqualTo(302);
        assertThat(get("/logout", cookie).statusCode()).as("sign-out is a POST only").isEqualTo(405);
    }

    @Test
    void metricsCountOpenIncidentsBySeverityTimeToResolveAndTheOutbox() throws Exception {
        declare("One", Severity.SEV1);
        Incident two = declare("Two", Severity.SEV1);
        declare("Three", Severity.SEV3);
        clock.advance(Duration.ofMinutes(20));
        bot.bot.incidents().resolve(two.id(), "U0ALICE", "fixed");
        String metrics = get("/metrics", null).body();
        assertThat(metrics).contains("incidentbot_incidents_open{severity=\"SEV1\"} 1.0", "incidentbot_incidents_open{severity=\"SEV3\"} 1.0",
                "incidentbot_incidents_open{severity=\"SEV2\"} 0.0",
                "incidentbot_incident_time_to_resolve_seconds_count{severity=\"SEV1\"} 1",
                "incidentbot_incident_time_to_resolve_seconds_sum{severity=\"SEV1\"} 1200.0",
                "incidentbot_reminders_sent_total 0.0", "incidentbot_escalations_sent_total 0.0", "incidentbot_analyses_total 0.0",
                "incidentbot_analysis_duration_seconds_count 0");
        assertThat(metrics).containsPattern("incidentbot_outbox_backlog \\d+\\.0");
    }
}
