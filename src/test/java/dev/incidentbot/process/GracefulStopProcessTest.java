package dev.incidentbot.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.BotProcess;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to the bot as a child process: it stops in order, exits 0 within 10 s, and logs no ERROR or stack trace. */
@Tag("process")
@BothStores
class GracefulStopProcessTest {
    private final TestStore store;
    @TempDir
    Path dir;

    GracefulStopProcessTest(TestStore store) {
        this.store = store;
    }

    @Test
    void sigtermWithQuartzAndTheOutboxBusyExitsZeroWithinTenSecondsWithoutErrors() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi();
             BotProcess bot = BotProcess.start("bot", dir, slack, store.env(dir.resolve("store")),
                     Map.of("REMINDER_INTERVAL", "PT2S", "ESCALATION", "PT3S=U0MGR"))) {
            assertThat(bot.slack().command("declare Search index lagging sev2", "U0ALICE", "C0INCIDENT",
                    slack.responseUrl("d")).statusCode()).isEqualTo(200);
            assertThat(bot.webhook("alertmanager", CrashRecoveryProcessTest.alert("StopWhileBusy")).statusCode()).isEqualTo(200);
            // let reminders and the escalation start firing, so Quartz and the outbox have work when the signal comes
            slack.await(c -> c.method().equals("chat.postMessage") && c.shown().contains("U0MGR"), Duration.ofSeconds(20));

            BotProcess.Stopped stopped = bot.sigterm(Duration.ofSeconds(10));

            String log = bot.logSinceStart();
            assertThat(stopped.exitCode()).as("exit code after SIGTERM (log:%n%s)", log).isZero();
            assertThat(stopped.took()).isLessThan(Duration.ofSeconds(10));
            assertThat(log).as("the log of the stop").contains("stopping: draining requests", "stopped")
                    .doesNotContain(" ERROR ").doesNotContainPattern("(?m)^\\s+at [a-z]").doesNotContain("Exception");
        }
    }

    /**
     * A burst of declares the bot acknowledged but could not all run before the stop (each reply to Slack takes
     * 200 ms): every one of them is either done and answered "Declared", or answered that it did not run, and the
     * store holds exactly the ones answered "Declared". Nothing acknowledged is dropped without a word.
     */
    @Test
    void sigtermWithAcknowledgedCommandsQueuedRunsOrAnswersEveryOneOfThem() throws Exception {
        int n = 120;
        try (FakeSlackApi slack = new FakeSlackApi().slowResponses(Duration.ofMillis(200));
             BotProcess bot = BotProcess.start("bot", dir, slack, store.env(dir.resolve("store")), Map.of())) {
            ExecutorService clients = Executors.newFixedThreadPool(12);
            List<Future<Integer>> acks = IntStream.range(0, n).mapToObj(k -> clients.submit(() -> bot.slack()
                    .command("declare Burst-" + k + " queue test sev4", "U0ALICE", "C0INCIDENT",
                            slack.responseUrl("burst-" + k)).statusCode())).toList();
            for (Future<Integer> ack : acks) {
                assertThat(ack.get()).isEqualTo(200);
            }
            clients.shutdown();

            BotProcess.Stopped stopped = bot.sigterm(Duration.ofSeconds(10));

            String log = bot.logSinceStart();
            assertThat(stopped.exitCode()).as("exit code after SIGTERM (log:%n%s)", log).isZero();
            assertThat(stopped.took()).isLessThan(Duration.ofSeconds(10));
            assertThat(log).doesNotContain(" ERROR ").doesNotContainPattern("(?m)^\\s+at [a-z]");
            int declared = 0;
            int toldAgain = 0;
            for (int k = 0; k < n; k++) {
                List<String> answers = slack.responses("burst-" + k).stream().map(FakeSlackApi.Call::shown).toList();
                assertThat(answers).as("answers to command %d", k).hasSize(1);
                if (answers.get(0).contains("Declared")) {
                    declared++;
                } else {
                    assertThat(answers.get(0)).contains("did not run", "Burst-" + k);
                    toldAgain++;
                }
            }
            assertThat(toldAgain).as("commands the stop answered instead of running (a 200 ms reply each, 8 at a time)")
                    .isPositive();
            try (Database db = store.open(dir.resolve("store"))) {
                int stored = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM incidents WHERE title LIKE 'Burst-%'").mapTo(Integer.class).one());
                assertThat(stored).as("incidents stored").isEqualTo(declared);
            }
        }
    }
}
