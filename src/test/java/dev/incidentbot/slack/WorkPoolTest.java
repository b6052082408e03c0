package dev.incidentbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.slack.command.CommandRequest;
import dev.incidentbot.support.FakeSlackApi;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stop of the work pool: queued commands are answered instead of dropped, and running ones end in peace. */
class WorkPoolTest {

    @Test
    void aStopAnswersEveryQueuedCommandItDidNotRunAndLetsTheRunningOnesFinish() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            SlackApi api = new SlackApi(SlackApp.client(slack.apiUrl()), "xoxb-test", SlackApi.RetryPolicy.standard());
            ThreadPoolExecutor work = WorkPool.create();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch allBusy = new CountDownLatch(WorkPool.THREADS);
            AtomicInteger finished = new AtomicInteger();
            for (int i = 0; i < WorkPool.THREADS; i++) {
                work.execute(() -> {
                    allBusy.countDown();
                    try {
                        release.await();
                        Thread.sleep(300); // still running when the queue is answered
                        finished.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(allBusy.await(5, TimeUnit.SECONDS)).isTrue();
            AtomicInteger ran = new AtomicInteger();
            for (int i = 0; i < 5; i++) {
                CommandRequest r = new CommandRequest("U0ALICE", "C0INC", "declare Queued " + i + " sev3", slack.responseUrl("q" + i), "t" + i);
                work.execute(new PendingCommand(ran::incrementAndGet, r, "declare Queued " + i + " sev3", api));
            }
            work.execute(ran::incrementAndGet); // not a command: nobody to answer, counted as left

            Thread releaser = new Thread(() -> {
                try {
                    Thread.sleep(300); // after the wait below has run out
                } catch (InterruptedException e) {
                    return;
                }
                release.countDown();
            });
            releaser.start();
            WorkPool.Drained drained = WorkPool.drain(work, Duration.ofMillis(100), Duration.ofSeconds(3));

            assertThat(drained).isEqualTo(new WorkPool.Drained(5, 1, 0));
            assertThat(ran).as("queued work run after the stop began").hasValue(0);
            assertThat(finished).as("work running when the stop began").hasValue(WorkPool.THREADS);
            for (int i = 0; i < 5; i++) {
                assertThat(slack.responses("q" + i)).singleElement().extracting(FakeSlackApi.Call::shown).asString()
                        .contains("did not run", "declare Queued " + i + " sev3", "Nothing was changed");
            }
            assertThat(work.isTerminated()).isTrue();
        }
    }

    @Test
    void aStopWithNothingLeftAnswersNobody() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            ThreadPoolExecutor work = WorkPool.create();
            AtomicInteger ran = new AtomicInteger();
            work.execute(ran::incrementAndGet);

            assertThat(WorkPool.drain(work, Duration.ofSeconds(2), Duration.ofSeconds(1))).isEqualTo(new WorkPool.Drained(0, 0, 0));
            assertThat(ran).hasValue(1);
            assertThat(slack.calls()).isEmpty();
        }
    }
}
