package dev.incidentbot.slack.command;

import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.slack.blocks.IncidentBlocks;

/** {@code show [ID]}: the incident record. */
public final class ShowCommand implements Subcommand {
    private final IncidentService incidents;

    public ShowCommand(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public String name() {
        return "show";
    }

    @Override
    public String usage() {
        return "show [ID]";
    }

    @Override
    public String summary() {
        return "the incident record";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        IncidentArgs a = IncidentArgs.take(args, request, incidents, usage(), reply);
        reply.ephemeral(IncidentBlocks.show(a.incident(), incidents.clock().instant()));
    }
}
