package dev.incidentbot.slack.command;

import dev.incidentbot.UserError;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.IncidentStatus;
import java.util.Locale;

/** {@code status [ID] TEXT}: a status update in the incident thread that also resets the update clock. */
public final class StatusCommand implements Subcommand {
    private final IncidentService incidents;

    public StatusCommand(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String usage() {
        return "status [ID] TEXT";
    }

    @Override
    public String summary() {
        return "post a status update (restarts the update clock); start with identified/monitoring to move the status";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        IncidentArgs a = IncidentArgs.take(args, request, incidents, usage(), reply);
        if (a.rest().isBlank()) {
            throw new UserError("What is the update? `/incident status " + a.incident().id() + " Rolled back v1.3, p95 back to 110 ms`.");
        }
        String first = a.rest().split("\\s+", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[:,.]$", "");
        if (first.equals("identified") || first.equals("monitoring") || first.equals("investigating")) {
            incidents.setStatus(a.incident().id(), request.userId(), IncidentStatus.parse(first));
        }
        incidents.postStatus(a.incident().id(), request.userId(), a.rest());
        reply.ephemeral("Posted your update to " + a.incident().id() + " and restarted its update clock.");
    }
}
