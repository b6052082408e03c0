package dev.incidentbot.web.pages;

import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.TestBot;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Gets a sign-in link the way a person does: {@code /incident web}, then the link in the private answer. */
final class SignInLinks {
    static final Pattern LINK = Pattern.compile("(https?://[^\\s|<>\"]+/login\\?token=[A-Za-z0-9_-]+)");

    private SignInLinks() {
    }

    static String link(TestBot bot, FakeSlackApi slack, String user) throws Exception {
        int before = slack.calls("response_url").size();
        bot.requests.command("web", user, "C0INCIDENT", slack.responseUrl("web-" + System.nanoTime()));
        FakeSlackApi.Call answer = slack.await(c -> c.method().equals("response_url") && slack.calls("response_url").indexOf(c) >= before
                && LINK.matcher(c.shown()).find(), Duration.ofSeconds(10));
        if (!"ephemeral".equals(answer.param("response_type"))) {
            throw new AssertionError("the link was not private: " + answer.shown());
        }
        Matcher m = LINK.matcher(answer.shown());
        m.find();
        return m.group(1);
    }
}
