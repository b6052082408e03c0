package dev.incidentbot.slack.command;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;

/** {@code resolve [ID] TEXT}: closes the incident and posts the resolution notification with its duration. */
public final class ResolveCommand implements Subcommand {
    private final IncidentService incidents;

    public ResolveCommand(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public String name() {
        return "resolve";
    }

    @Override
    public String usage() {
        return "resolve [ID] TEXT";
    }

    @Override
    public String summary() {
        return "resolve it, with how it was fixed";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        IncidentArgs a = IncidentArgs.take(args, request, incidents, usage(), reply);
        Incident i = incidents.resolve(a.incident().id(), request.userId(), a.rest());
        reply.ephemeral("Resolved " + i.id() + " after " + i.resolutionTimeMinutes() + " min.");
    }
}
