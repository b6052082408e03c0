package dev.incidentbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.TestBot;
import dev.incidentbot.support.TestStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one PostgreSQL database, Alertmanager delivering the same groups to both at the same moment (as an
 * HA pair of Alertmanagers does): every group opens one incident, every delivery is answered 2xx.
 */
class TwoReplicasOneGroupTest {
    @TempDir
    Path dir;

    @Test
    void theSameGroupDeliveredToBothReplicasAtOnceOpensOneIncident() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi();
             TestBot a = TestBot.start(TestStore.POSTGRESQL, dir, slack, Clock.systemUTC(), Map.of());
             TestBot b = TestBot.start(TestStore.POSTGRESQL, dir, slack, Clock.systemUTC(), Map.of())) {
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            int groups = 12;
            for (int g = 0; g < groups; g++) {
                String body = """
                        {"version": "4", "groupKey": "{}:{alertname=\\"Replica%1$d\\"}", "status": "firing", "receiver": "bot",
                         "groupLabels": {"alertname": "Replica%1$d"}, "commonLabels": {"alertname": "Replica%1$d", "severity": "critical"},
                         "alerts": [{"status": "firing", "labels": {"alertname": "Replica%1$d", "severity": "critical"},
                                     "annotations": {"summary": "group %1$d"}, "startsAt": "2026-12-03T10:00:00Z",
                                     "fingerprint": "f%1$d"}]}""".formatted(g);
                for (TestBot bot : List.of(a, b)) {
                    answers.add(http.sendAsync(request(bot, body), HttpResponse.BodyHandlers.ofString()));
                }
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isBetween(200, 299);
            }
            List<String> titles = a.bot.database().jdbi().withHandle(h -> h.createQuery("SELECT title FROM incidents")
                    .mapTo(String.class).list());
            assertThat(titles).as("one incident per group").hasSize(groups).doesNotHaveDuplicates();
        }
    }

    @Test
    void alertsJoiningOpenIncidentsOnBothReplicasAtOnceAreStoredOnceAndOpenNothingNew() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi();
             TestBot a = TestBot.start(TestStore.POSTGRESQL, dir, slack, Clock.systemUTC(), Map.of());
             TestBot b = TestBot.start(TestStore.POSTGRESQL, dir, slack, Clock.systemUTC(), Map.of())) {
            HttpClient http = HttpClient.newHttpClient();
            int groups = 6;
            int joining = 15;
            for (int g = 0; g < groups; g++) {
                assertThat(post(http, a, delivery(g, "open")).statusCode()).isEqualTo(200);
            }
            // the HA pair: every delivery reaches both replicas at the same moment; the storm needs no replicas' lock
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int n = 0; n < joining; n++) {
                for (int g = 0; g < groups; g++) {
                    String body = delivery(g, "join" + n);
                    for (TestBot bot : List.of(a, b)) {
                        answers.add(http.sendAsync(request(bot, body), HttpResponse.BodyHandlers.ofString()));
                    }
                }
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
            }
            assertThat(count(a, "SELECT COUNT(*) FROM incidents")).as("no second incident").isEqualTo(groups);
            assertThat(count(a, "SELECT COUNT(*) FROM alerts")).as("every alert stored once").isEqualTo(groups * (joining + 1));
            assertThat(count(a, """
                    SELECT COUNT(*) FROM alerts a JOIN alert_groups g ON g.id = a.group_id
                    WHERE a.incident_id IS NULL OR a.incident_id <> g.incident_id""")).as("every alert linked to its group's incident").isZero();
        }
    }

    private static int count(TestBot bot, String sql) {
        return bot.bot.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    private static String delivery(int group, String alert) {
        return """
                {"version": "4", "groupKey": "{}:{alertname=\\"Join%1$d\\"}", "status": "firing", "receiver": "bot",
                 "groupLabels": {"alertname": "Join%1$d"}, "commonLabels": {"alertname": "Join%1$d", "severity": "critical"},
                 "alerts": [{"status": "firing", "labels": {"alertname": "Join%1$d", "severity": "critical", "pod": "%2$s"},
                             "annotations": {"summary": "group %1$d"}, "startsAt": "2026-12-03T10:00:00Z",
                             "fingerprint": "g%1$d-%2$s"}]}""".formatted(group, alert);
    }

    private static HttpRequest request(TestBot bot, String body) {
        return HttpRequest.newBuilder(URI.create(bot.url("/webhooks/alertmanager")))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestBot.WEBHOOK_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> post(HttpClient http, TestBot bot, String body) throws Exception {
        return http.send(request(bot, body), HttpResponse.BodyHandlers.ofString());
    }
}
