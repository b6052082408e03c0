package dev.incidentbot.slack.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.IncidentService;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The router hands subcommands what the person typed, not Slack's escaped form of it. */
class CommandRouterTest {
    private final CommandRouter router = new CommandRouter(List.of(new DeclareCommand((IncidentService) null, "C0INCIDENT")));

    @Test
    void slacksEscapingOfCommandTextIsUndoneOnceForEverySubcommand() {
        CommandRouter.Route route = router.route("declare Risk p95 &gt; 800ms &amp; &lt;b&gt;rising&lt;/b&gt; sev2");
        assertThat(route.word()).isEqualTo("declare");
        assertThat(route.args()).isEqualTo("Risk p95 > 800ms & <b>rising</b> sev2");
    }

    @Test
    void anEscapedEntityIsUndoneOnlyOnce() {
        // "&amp;gt;" is what Slack sends for a typed "&gt;": the person meant those four characters
        assertThat(router.route("declare a &amp;gt; b").args()).isEqualTo("a &gt; b");
    }
}
