package dev.incidentbot.slack.command;

import dev.incidentbot.signin.SignIn;
import java.util.function.Supplier;

/** {@code web}: a private one-time link that signs the person in to the incident pages. */
public final class WebCommand implements Subcommand {
    private final SignIn signIn;
    private final Supplier<String> publicUrl;

    /** {@code publicUrl}: the bot's base URL as browsers reach it, without a trailing slash. */
    public WebCommand(SignIn signIn, Supplier<String> publicUrl) {
        this.signIn = signIn;
        this.publicUrl = publicUrl;
    }

    @Override
    public String name() {
        return "web";
    }

    @Override
    public String usage() {
        return "web";
    }

    @Override
    public String summary() {
        return "a private sign-in link to the incident pages (good once, for 10 minutes)";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        // The token only travels in this private answer; it is never logged (the log would outlive its 10 minutes).
        String link = publicUrl.get() + "/login?token=" + signIn.issueLink(request.userId());
        reply.ephemeral(":globe_with_meridians: <" + link + "|Open the incident pages> – this link is yours alone, works once, "
                + "and expires in " + SignIn.LINK_LIFETIME.toMinutes() + " minutes. Run `/incident web` again for a new one.");
    }
}
