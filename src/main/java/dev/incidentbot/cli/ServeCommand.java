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
        // SIGTERM/SIGINT are taken from the JVM's default handling (which would run the shutdown hooks and exit 143):
        // the main thread stops the bot gracefully and returns 0, as an orchestrator expects of a clean stop.
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stopRequested.countDown());
            } catch (IllegalArgumentException e) {
                // the signal is not available here (another OS, or the JVM runs with -Xrs): the hook below stops the bot
            }
        }
        // Any other way out (System.exit elsewhere, a signal we could not take) still stops the bot in order.
        Thread hook = new Thread(bot::close, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopRequested.await();
        org.slf4j.LoggerFactory.getLogger(ServeCommand.class).info("stop requested (signal): stopping gracefully");
        bot.close();
        org.slf4j.LoggerFactory.getLogger(ServeCommand.class).info("stopped");
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
