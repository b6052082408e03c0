package dev.incidentbot.slack.command;

/** One /incident subcommand; it runs after the ack, off Slack's request thread. */
public interface Subcommand {
    /** The word that selects it, e.g. "declare". */
    String name();

    /** One-line grammar, e.g. "declare TITLE [sev1|sev2|sev3|sev4]". */
    String usage();

    /** What it does, in a few words. */
    String summary();

    /** Does the work; throws {@link dev.incidentbot.UserError} for mistakes, which the router shows privately. */
    void run(CommandRequest request, String args, Replier reply);
}
