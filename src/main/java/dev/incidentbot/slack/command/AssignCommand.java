package dev.incidentbot.slack.command;

import dev.incidentbot.UserError;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code assign [ID] @user}: makes someone the incident commander. */
public final class AssignCommand implements Subcommand {
    /** Slack sends escaped mentions as {@code <@U123|name>} (the manifest turns should_escape on). */
    private static final Pattern MENTION = Pattern.compile("^<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>$|^([UW][A-Z0-9]{4,})$");
    private final IncidentService incidents;

    public AssignCommand(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public String name() {
        return "assign";
    }

    @Override
    public String usage() {
        return "assign [ID] @user";
    }

    @Override
    public String summary() {
        return "make someone the incident commander";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        IncidentArgs a = IncidentArgs.take(args, request, incidents, usage(), reply);
        String who = a.rest().split("\\s+")[0];
        String userId = "me".equalsIgnoreCase(who) ? request.userId() : null;
        Matcher m = MENTION.matcher(who);
        if (userId == null && m.matches()) {
            userId = m.group(1) != null ? m.group(1) : m.group(2);
        }
        if (userId == null) {
            throw new UserError("Mention the new commander so Slack sends their id: `/incident assign " + a.incident().id()
                    + " @alice` (or `me`).");
        }
        Incident i = incidents.assign(a.incident().id(), request.userId(), userId);
        reply.ephemeral("<@" + i.commander() + "> now commands " + i.id() + ".");
    }
}
