package dev.incidentbot.cli;

import dev.incidentbot.Bot;
import dev.incidentbot.Config;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the bot until it is stopped: Slack endpoint (HTTP or Socket Mode), webhooks, health, metrics, reminders. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the bot (the default). Settings come from the environment; see the README."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--exit-when-ready", hidden = true,
            description = "Start, answer /health once and stop: the training run that records the AppCDS archive.")
    boolean exitWhenReady;

    @Override
    public Integer call() throws Exception {
        Config config;
        try {
            config = Config.fromEnv(System.getenv());
        } catch (Config.ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Bot bot;
        try {
            bot = Bot.start(config, Clock.systemUTC());
        } catch (Config.ConfigException e) {
            // A setting that only fails once read (e.g. the ALERT_RULES file): a user's mistake, no stack trace.
            System.err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("incident-bot could not start: " + rootMessage(e));
            org.slf4j.LoggerFactory.getLogger(ServeCommand.class).error("start-up failed", e);
            return 1;
        }
        if (exitWhenReady) {
            return trainedOnce(bot);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bot.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    /** One request through the HTTP stack, so its classes are loaded (and archived) too; then an orderly stop. */
    private static int trainedOnce(Bot bot) throws java.io.IOException {
        try (bot) {
            var health = (java.net.HttpURLConnection) java.net.URI.create("http://127.0.0.1:" + bot.port() + "/health")
                    .toURL().openConnection();
            int status = health.getResponseCode();
            health.getInputStream().readAllBytes();
            return status == 200 ? 0 : 1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
