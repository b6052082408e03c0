package dev.incidentbot.slack.command;

import dev.incidentbot.UserError;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;

/** {@code severity [ID] sevN}: changes the severity, recorded on the timeline and announced. */
public final class SeverityCommand implements Subcommand {
    private final IncidentService incidents;

    public SeverityCommand(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public String name() {
        return "severity";
    }

    @Override
    public String usage() {
        return "severity [ID] sev1|sev2|sev3|sev4";
    }

    @Override
    public String summary() {
        return "change the severity";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        IncidentArgs a = IncidentArgs.take(args, request, incidents, usage(), reply);
        if (a.rest().isBlank()) {
            throw new UserError("Which severity? `/incident severity " + a.incident().id() + " sev1`.");
        }
        Severity s = Severity.parse(a.rest().split("\\s+")[0]);
        Incident i = incidents.changeSeverity(a.incident().id(), request.userId(), s);
        reply.ephemeral(i.id() + " is now " + i.severity().display() + ".");
    }
}
