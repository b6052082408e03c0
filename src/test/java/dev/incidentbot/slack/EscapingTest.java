package dev.incidentbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapingTest {
    @Test
    void escapesTheThreeControlCharactersOfMrkdwn() {
        assertThat(Escaping.text("<!channel> & <@U0BOSS> <https://evil.example|here>"))
                .isEqualTo("&lt;!channel&gt; &amp; &lt;@U0BOSS&gt; &lt;https://evil.example|here&gt;")
                .doesNotContain("<", ">");
    }

    @Test
    void mentionsOnlyWellFormedIds() {
        assertThat(Escaping.user("U0ALICE")).isEqualTo("<@U0ALICE>");
        assertThat(Escaping.user("S0ONCALL")).isEqualTo("<!subteam^S0ONCALL>");
        assertThat(Escaping.user("monitoring")).isEqualTo("monitoring");
        assertThat(Escaping.user("U0X> <!channel")).doesNotContain("<!channel");
    }

    @Test
    void linksOnlyToHttpTargetsAndEscapesTheLabel() {
        assertThat(Escaping.link("https://runbooks.example/rb?a=1&b=2", "<b>runbook"))
                .isEqualTo("<https://runbooks.example/rb?a=1&amp;b=2|&lt;b&gt;runbook>");
        assertThat(Escaping.link("javascript:alert(1)", "x")).isEqualTo("x");
        assertThat(Escaping.link("https://a.example/|<!here>", "x")).isEqualTo("x");
    }

    @Test
    void undoesSlacksEscapingOfTextItSends() {
        assertThat(Escaping.unescape("a &lt; b &amp;&amp; c &gt; d")).isEqualTo("a < b && c > d");
        assertThat(Escaping.unescape(Escaping.text("<!here> & <@U1>"))).isEqualTo("<!here> & <@U1>");
    }
}
