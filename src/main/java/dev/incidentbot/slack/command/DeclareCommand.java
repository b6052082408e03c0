package dev.incidentbot.slack.command;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.slack.Escaping;

/** {@code declare TITLE [sev1..sev4]}: records the incident, makes the caller commander, and announces it. */
public final class DeclareCommand implements Subcommand {
    private final IncidentService incidents;
    private final String incidentChannel;

    public DeclareCommand(IncidentService incidents, String incidentChannel) {
        this.incidents = incidents;
        this.incidentChannel = incidentChannel;
    }

    @Override
    public String name() {
        return "declare";
    }

    @Override
    public String usage() {
        return "declare TITLE [sev1|sev2|sev3|sev4]";
    }

    @Override
    public String summary() {
        return "open an incident (default SEV3), you become commander";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        String text = args.strip();
        int lastSpace = text.lastIndexOf(' ');
        Severity severity = Severity.tryParse(lastSpace < 0 ? text : text.substring(lastSpace + 1));
        String title = severity == null ? text : (lastSpace < 0 ? "" : text.substring(0, lastSpace));
        boolean defaulted = severity == null;
        if (defaulted) {
            severity = Severity.SEV3;
        }
        // Direct messages cannot hold the announcement thread; incidents declared there go to the incidents channel.
        String channel = request.channelId() == null || request.channelId().startsWith("D") ? incidentChannel : request.channelId();
        Incident i = incidents.declare(new IncidentService.Declaration(title, severity, null, request.userId(), channel, "slack"));
        StringBuilder sb = new StringBuilder("Declared *" + i.id() + "* " + i.severity().display() + ": " + Escaping.text(i.title())
                + ". You are the incident commander.");
        if (defaulted) {
            sb.append("\nSeverity defaulted to SEV3 (medium). Change it with `/incident severity ").append(i.id())
                    .append(" sev2`: sev1 = service down, sev2 = significant degradation, sev3 = minor, sev4 = no user impact.");
        }
        reply.ephemeral(sb.toString());
    }
}
