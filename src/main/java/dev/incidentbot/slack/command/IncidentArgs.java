package dev.incidentbot.slack.command;

import dev.incidentbot.UserError;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentId;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.slack.Escaping;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the optional leading incident id of a subcommand. Without one: the incident whose own channel this is; else,
 * when exactly one incident is open, that one (slash commands cannot be sent from a thread, so in a shared incidents
 * channel people would otherwise type the id every time), said in a private line so nobody acts on the wrong one;
 * with several open, the question lists them.
 */
public record IncidentArgs(Incident incident, String rest) {

    public static IncidentArgs take(String args, CommandRequest request, IncidentService incidents, String usage, Replier reply) {
        String a = args == null ? "" : args.strip();
        String[] parts = a.split("\\s+", 2);
        IncidentId id = IncidentId.tryParse(parts[0]);
        if (id != null) {
            return new IncidentArgs(incidents.get(id.toString()), parts.length > 1 ? parts[1].strip() : "");
        }
        var own = incidents.findByChannel(request.channelId());
        if (own.isPresent()) {
            return new IncidentArgs(own.get(), a);
        }
        List<Incident> open = incidents.listOpen();
        if (open.size() == 1) {
            Incident only = open.get(0);
            reply.ephemeral("ℹ️ No id given: this goes to *" + only.id() + "* (" + Escaping.text(only.title())
                    + "), the only open incident.");
            return new IncidentArgs(only, a);
        }
        throw new UserError(missingId(open, usage));
    }

    private static String missingId(List<Incident> open, String usage) {
        String hint = open.isEmpty() ? "There are no open incidents."
                : "Open: " + open.stream().map(i -> i.id() + " (" + Escaping.text(i.title()) + ")").limit(10)
                .collect(Collectors.joining(", ")) + (open.size() > 10 ? " and " + (open.size() - 10) + " more" : "") + ".";
        return "Which incident? " + open.size() + " are open and this is not an incident's own channel, so add the id: `/incident "
                + usage + "`. " + hint;
    }
}
