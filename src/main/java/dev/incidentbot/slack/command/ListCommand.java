package dev.incidentbot.slack.command;

import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.slack.blocks.IncidentBlocks;

/** {@code list}: the open incidents, most severe first. */
public final class ListCommand implements Subcommand {
    private final IncidentService incidents;

    public ListCommand(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String usage() {
        return "list";
    }

    @Override
    public String summary() {
        return "open incidents, most severe first";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        reply.ephemeral(IncidentBlocks.list(incidents.listOpen(), incidents.clock().instant()));
    }
}
