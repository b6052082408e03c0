package dev.incidentbot.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.BotProcess;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
}
