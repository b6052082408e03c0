package dev.incidentbot.slack.command;

import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.slack.blocks.IncidentBlocks;

/** {@code timeline [ID]}: every event with who and when (UTC). */
public final class TimelineCommand implements Subcommand {
    private final IncidentService incidents;

    public TimelineCommand(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public String name() {
        return "timeline";
    }

    @Override
    public String usage() {
        return "timeline [ID]";
    }

    @Override
    public String summary() {
        return "every event, who and when (UTC)";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        IncidentArgs a = IncidentArgs.take(args, request, incidents, usage(), reply);
        reply.ephemeral(IncidentBlocks.timeline(a.incident(), incidents.timeline(a.incident().id())));
    }
}
