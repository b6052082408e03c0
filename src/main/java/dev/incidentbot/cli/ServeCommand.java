package dev.incidentbot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Runs the bot: HTTP (or Socket Mode) Slack endpoint, webhooks, reminders. */
@Command(name = "serve", description = "Run the bot (the default).")
public final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
