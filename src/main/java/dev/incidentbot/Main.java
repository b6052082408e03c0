package dev.incidentbot;

import dev.incidentbot.cli.AnalyzeCommand;
import dev.incidentbot.cli.ExportCommand;
import dev.incidentbot.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: the picocli root command whose subcommands are serve (the default), analyze and export. */
@Command(name = "incident-bot", mixinStandardHelpOptions = true, version = "incident-bot 0.1.0",
        description = "Slack ChatOps incident bot. With no subcommand, runs `serve`.",
        subcommands = {ServeCommand.class, AnalyzeCommand.class, ExportCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        // plain `analyze` arguments skip picocli's reflective set-up (see AnalyzeCommand.quick)
        AnalyzeCommand quick = AnalyzeCommand.quick(args);
        if (quick == null) {
            System.exit(run(args));
        }
        quick.lastInProcess = true;
        int code = quick.call();
        // the report is written and flushed, and this path registers no shutdown hook and no delete-on-exit file:
        // halting skips the Java shutdown sequence, and nothing else is left to do
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    /** Runs the command line and returns the exit code, so tests can call it without exiting the JVM. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        if (args.length == 0) {
            args = new String[] {"serve"};
        }
        return cli.execute(args);
    }

    @Override
    public void run() {
        // Only reached for options of the root command itself; `main` turns no arguments into `serve`.
        new CommandLine(this).usage(System.out);
    }
}
