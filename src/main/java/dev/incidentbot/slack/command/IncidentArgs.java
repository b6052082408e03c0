package dev.incidentbot.slack.command;

import dev.incidentbot.UserError;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentId;
import dev.incidentbot.incident.IncidentService;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the optional leading incident id of a subcommand; without one, the incident whose channel this is. */
public record IncidentArgs(Incident incident, String rest) {

    public static IncidentArgs take(String args, CommandRequest request, IncidentService incidents, String usage) {
        String a = args == null ? "" : args.strip();
        String[] parts = a.split("\\s+", 2);
        IncidentId id = IncidentId.tryParse(parts[0]);
        if (id != null) {
            return new IncidentArgs(incidents.get(id.toString()), parts.length > 1 ? parts[1].strip() : "");
        }
        return incidents.findByChannel(request.channelId())
                .map(i -> new IncidentArgs(i, a))
                .orElseThrow(() -> new UserError(missingId(incidents.listOpen(), usage)));
    }

    private static String missingId(List<Incident> open, String usage) {
        String hint = open.isEmpty() ? "There are no open incidents."
                : "Open: " + open.stream().map(Incident::id).limit(10).collect(Collectors.joining(", ")) + ".";
        return "Which incident? This channel is not an incident's own channel, so add its id: `/incident " + usage + "`. " + hint;
    }
}
