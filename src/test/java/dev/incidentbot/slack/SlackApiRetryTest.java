package dev.incidentbot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.FakeSlackApi.Call;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SlackApi's RetryPolicy against the fake: how long it waits, how often it tries, the 60 s cap, and when it gives up. */
class SlackApiRetryTest {
    private final List<Long> waits = new CopyOnWriteArrayList<>();
    private FakeSlackApi slack;

    @AfterEach
    void stop() {
        slack.close();
    }

    /** A policy whose waits are recorded, not slept: the suite stays fast whatever Retry-After says. */
    private SlackApi api(int attempts) {
        return new SlackApi(SlackApp.client(slack.apiUrl()), "xoxb-test",
                new SlackApi.RetryPolicy(attempts, Duration.ofMillis(300), Duration.ofSeconds(8), waits::add));
    }

    private List<Integer> statuses() {
        return slack.attempts("chat.postMessage").stream().map(Call::status).toList();
    }

    @Test
    void a429WaitsWhatRetryAfterSaysThenSucceeds() throws Exception {
        slack = new FakeSlackApi().throttleFirst(2).retryAfter("7");
        api(6).postMessage("C1", null, "hi", null, false);
        assertThat(statuses()).containsExactly(429, 429, 200);
        assertThat(waits).containsExactly(7_000L, 7_000L);
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void retryAfterIsCappedAtSixtySeconds() throws Exception {
        slack = new FakeSlackApi().throttleFirst(1).retryAfter("3600");
        api(6).postMessage("C1", null, "hi", null, false);
        assertThat(waits).containsExactly(60_000L);
    }

    @Test
    void anUnreadableRetryAfterFallsBackToTheBackoff() throws Exception {
        slack = new FakeSlackApi().throttleFirst(1).retryAfter("soon");
        api(6).postMessage("C1", null, "hi", null, false);
        assertThat(waits).containsExactly(300L);
    }

    @Test
    void serverErrorsBackOffExponentiallyUpToTheMaximum() throws Exception {
        slack = new FakeSlackApi().failFirst(6);
        api(8).postMessage("C1", null, "hi", null, false);
        assertThat(statuses()).containsExactly(503, 503, 503, 503, 503, 503, 200);
        assertThat(waits).containsExactly(300L, 600L, 1_200L, 2_400L, 4_800L, 8_000L);
    }

    @Test
    void givesUpAfterTheLastAttemptAsRetryable() throws Exception {
        slack = new FakeSlackApi().failFirst(100);
        assertThatThrownBy(() -> api(3).postMessage("C1", null, "hi", null, false))
                .isInstanceOfSatisfying(SlackCallFailed.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("chat.postMessage", "503");
                });
        assertThat(statuses()).containsExactly(503, 503, 503);
        assertThat(waits).as("no wait after the last attempt").hasSize(2);
    }

    @Test
    void aSlackErrorIsFinalAfterOneAttempt() throws Exception {
        slack = new FakeSlackApi().refuseChannel("C0GONE", "channel_not_found");
        assertThatThrownBy(() -> api(6).postMessage("C0GONE", null, "hi", null, false))
                .isInstanceOfSatisfying(SlackCallFailed.class, e -> assertThat(e.retryable()).isFalse());
        assertThat(slack.attempts("chat.postMessage")).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void theFakeTimesEachAttemptSoARealWaitShows() throws Exception {
        slack = new FakeSlackApi().throttleFirst(1).retryAfter("1");
        new SlackApi(SlackApp.client(slack.apiUrl()), "xoxb-test", SlackApi.RetryPolicy.standard())
                .postMessage("C1", null, "hi", null, false);
        List<Call> tries = slack.attempts("chat.postMessage");
        assertThat(tries).hasSize(2);
        assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
    }
}
