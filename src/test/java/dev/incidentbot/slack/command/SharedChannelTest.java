package dev.incidentbot.slack.command;

import dev.incidentbot.support.BothStores;
import dev.incidentbot.support.TestStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.FakeSlackApi.Call;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In a shared incidents channel a command without an id goes to the only open incident, and says so; with several it asks. */
@BothStores
class SharedChannelTest {
    private final TestStore store;

    SharedChannelTest(TestStore store) {
        this.store = store;
    }

    private static final Duration WAIT = Duration.ofSeconds(15);
    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestBot bot;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi();
        bot = TestBot.start(store, dir, slack, new MutableClock(Instant.now()), Map.of());
    }

    @AfterEach
    void stop() {
        bot.close();
        slack.close();
    }

    private Incident declare(String title) throws Exception {
        bot.requests.command("declare " + title, "U0ALICE", "C0INCIDENT", slack.responseUrl("d-" + title.hashCode()));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var found = bot.bot.incidents().listOpen().stream().filter(i -> i.title().equals(title)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no incident " + title + " declared within " + WAIT);
    }

    @Test
    void withOneOpenIncidentAStatusWithoutIdGoesToItAndTheReplyNamesIt() throws Exception {
        Incident only = declare("Checkout slow");
        bot.requests.command("status identified: bad deploy of 2.4.1", "U0BOB", "C0INCIDENT", slack.responseUrl("s"));
        Call which = slack.await(c -> c.method().equals("response_url") && c.shown().contains("No id given"), WAIT);
        assertThat(which.shown()).contains(only.id(), "Checkout slow", "the only open incident");
        slack.await(c -> c.method().equals("response_url") && c.shown().contains("Posted your update to " + only.id()), WAIT);
        assertThat(bot.bot.incidents().get(only.id()).status()).isEqualTo(IncidentStatus.IDENTIFIED);
        assertThat(bot.bot.incidents().timeline(only.id())).anySatisfy(e -> assertThat(e.text()).contains("bad deploy of 2.4.1"));
    }

    @Test
    void withSeveralOpenTheCommandAsksWhichListsThemAndChangesNothing() throws Exception {
        Incident a = declare("Checkout slow");
        Incident b = declare("Search down");
        bot.requests.command("resolve fixed it", "U0BOB", "C0INCIDENT", slack.responseUrl("r"));
        Call ask = slack.await(c -> c.method().equals("response_url") && c.shown().contains("Which incident?"), WAIT);
        assertThat(ask.shown()).contains("2 are open", a.id() + " (Checkout slow)", b.id() + " (Search down)", "/incident resolve");
        assertThat(bot.bot.incidents().listOpen()).hasSize(2);
        assertThat(slack.calls("response_url")).noneSatisfy(c -> assertThat(c.shown()).contains("No id given"));
    }

    @Test
    void theOnlyOpenIncidentsTitleIsShownEscaped() throws Exception {
        declare("<!channel> & <script>");
        bot.requests.command("show", "U0BOB", "C0INCIDENT", slack.responseUrl("sh"));
        Call which = slack.await(c -> c.method().equals("response_url") && c.shown().contains("No id given"), WAIT);
        assertThat(which.shown()).contains("&lt;!channel&gt; &amp; &lt;script&gt;").doesNotContain("<!channel>");
    }
}
