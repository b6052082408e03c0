package dev.incidentbot.slack;

import dev.incidentbot.UserError;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two kinds of error: a person's mistake is shown as it is; anything else gets a reference id and a logged stack. */
public final class Failures {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /** Tells the person privately, through the response_url of what they did, what went wrong. */
    public static void respond(SlackApi api, String responseUrl, Throwable e, String what) {
        api.respond(responseUrl, dev.incidentbot.slack.blocks.SlackMessage.plain(describe(e, what)).ephemeralJson());
    }

    /** The text to show the person for this failure; unexpected failures are logged with their reference. */
    public static String describe(Throwable e, String what) {
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof UserError)) {
            root = root.getCause();
        }
        if (e instanceof UserError || root instanceof UserError) {
            return "⚠️ " + (e instanceof UserError ? e.getMessage() : root.getMessage());
        }
        String ref = UUID.randomUUID().toString().substring(0, 8);
        log.error("{} failed [ref {}]", what, ref, e);
        return "❗ Something went wrong on our side (reference `" + ref + "`). Nothing was half-done; try again, "
                + "and give the reference to whoever runs incident-bot if it persists.";
    }
}
