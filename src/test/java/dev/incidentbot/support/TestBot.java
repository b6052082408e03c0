package dev.incidentbot.support;

import dev.incidentbot.Bot;
import dev.incidentbot.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The whole bot in-process on a loopback port, with a real store (H2 file or PostgreSQL) and a {@link FakeSlackApi}. */
public final class TestBot implements AutoCloseable {
    public static final String SECRET = "test-signing-secret";
    public static final String WEBHOOK_TOKEN = "test-webhook-token";

    public final FakeSlackApi slack;
    public final Bot bot;
    public final SlackRequests requests;

    private TestBot(FakeSlackApi slack, Bot bot, SlackRequests requests) {
        this.slack = slack;
        this.bot = bot;
        this.requests = requests;
    }

    /** Starts a bot whose H2 store lives in {@code dir}; {@code extraEnv} overrides settings. */
    public static TestBot start(Path dir, FakeSlackApi slack, Clock clock, Map<String, String> extraEnv) throws Exception {
        return start(TestStore.H2, dir, slack, clock, extraEnv);
    }

    /** Starts a bot on {@code store}, kept under {@code dir} (the same dir again: the same data); {@code extraEnv} overrides. */
    public static TestBot start(TestStore store, Path dir, FakeSlackApi slack, Clock clock, Map<String, String> extraEnv)
            throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-test-token");
        env.put("SLACK_SIGNING_SECRET", SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("INCIDENT_CHANNEL", "C0INCIDENT");
        env.put("PORT", "0");
        env.put("BIND", "127.0.0.1");
        env.put("WEBHOOK_TOKEN", WEBHOOK_TOKEN);
        env.putAll(store.env(dir));
        env.putAll(extraEnv);
        Bot bot = Bot.start(Config.fromEnv(env), clock);
        return new TestBot(slack, bot, new SlackRequests("http://127.0.0.1:" + bot.port() + "/slack/events", SECRET, clock));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + bot.port() + path;
    }

    @Override
    public void close() {
        bot.close();
    }
}
