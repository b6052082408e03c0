package dev.incidentbot.web;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code incidentbot_alerts_store_commits_total} and {@code _groups_total} on /metrics count the alert store's shared transactions and the alert groups they held. */
@BothStores
class AlertStoreMetricsTest {
    private final TestStore store;

    AlertStoreMetricsTest(TestStore store) {
        this.store = store;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMITS = "incidentbot_alerts_store_commits_total";
    private static final String GROUPS = "incidentbot_alerts_store_groups_total";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private FakeSlackApi slack;
    private TestBot bot;

    @BeforeEach
    void start() throws Exception {
        Path rules = dir.resolve("alert-rules.yml");
        Files.writeString(rules, "stormWindow: PT0.3S\n");
        slack = new FakeSlackApi();
        bot = TestBot.start(store, dir, slack, Clock.systemUTC(), Map.of("ALERT_RULES", rules.toString()));
    }

    @AfterEach
    void stop() {
        bot.close();
        slack.close();
    }

    /** A generic alert; {@code warning} (SEV3) is below the default threshold and only gets a compact post. */
    private static Map<String, Object> alert(String key, String severity) {
        return Map.of("title", "Queue depth high on " + key, "severity", severity, "status", "firing", "key", key);
    }

    private int deliver(Object body) throws Exception {
        return deliver(body, "Bearer " + TestBot.WEBHOOK_TOKEN);
    }

    private int deliver(Object body, String authorization) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(bot.url("/webhooks/generic"))).header("Content-Type", "application/json")
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(bot.url("/metrics"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The value of an untagged counter in the Prometheus text; fails when the metric is missing. */
    private static double value(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(name + " in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void sequentialDeliveriesCountExactlyOneCommitEachAndEveryGroupTheyHeld() throws Exception {
        String before = scrape();
        assertThat(value(before, COMMITS)).isZero();
        assertThat(value(before, GROUPS)).isZero();

        for (int n = 0; n < 4; n++) { // one group each, one after the other: nothing to share a transaction with
            assertThat(deliver(alert("single-" + n, "warning"))).isEqualTo(200);
        }
        assertThat(value(scrape(), COMMITS)).isEqualTo(4.0);
        assertThat(value(scrape(), GROUPS)).isEqualTo(4.0);

        // one delivery of three groups that only post compactly: decided and stored in one transaction
        assertThat(deliver(List.of(alert("multi-a", "warning"), alert("multi-b", "warning"), alert("multi-c", "warning"))))
                .isEqualTo(200);
        assertThat(value(scrape(), COMMITS)).isEqualTo(5.0);
        assertThat(value(scrape(), GROUPS)).isEqualTo(7.0);

        // two groups that each declare an incident: a declaring group ends its transaction, so two commits
        assertThat(deliver(List.of(alert("page-a", "critical"), alert("page-b", "critical")))).isEqualTo(200);
        assertThat(bot.bot.incidents().listOpen()).hasSize(2);
        assertThat(value(scrape(), COMMITS)).isEqualTo(7.0);
        assertThat(value(scrape(), GROUPS)).isEqualTo(9.0);

        // a re-delivery changes nothing but is still decided in a transaction of its own
        assertThat(deliver(alert("single-0", "warning"))).isEqualTo(200);
        // refused deliveries never reach the store
        assertThat(deliver(alert("refused", "warning"), "Bearer wrong")).isEqualTo(401);
        assertThat(deliver(Map.of("title", "no key"))).isEqualTo(400);
        String after = scrape();
        assertThat(value(after, COMMITS)).isEqualTo(8.0);
        assertThat(value(after, GROUPS)).isEqualTo(10.0);
    }

    @Test
    void concurrentDeliveriesCountEveryGroupOnceInAtMostOneCommitEach() throws Exception {
        int deliveries = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int n = 0; n < deliveries; n++) {
                Map<String, Object> a = alert("burst-" + n, "warning");
                answers.add(pool.submit((Callable<Integer>) () -> deliver(a)));
            }
            for (Future<Integer> f : answers) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        String s = scrape();
        assertThat(value(s, GROUPS)).isEqualTo(deliveries);
        assertThat(value(s, COMMITS)).isBetween(1.0, (double) deliveries);
        long stored = bot.bot.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM alerts").mapTo(Long.class).one());
        assertThat(stored).isEqualTo(deliveries);
    }
}
