package dev.incidentbot.slack.command;

import dev.incidentbot.UserError;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.retro.NoteKind;
import dev.incidentbot.retro.Postmortem;
import dev.incidentbot.retro.PostmortemMarkdown;
import dev.incidentbot.retro.RetroService;
import dev.incidentbot.slack.SlackApi;
import dev.incidentbot.slack.SlackCallFailed;
import dev.incidentbot.slack.blocks.RetroBlocks;
import java.util.function.Function;
import java.util.Locale;

/**
 * {@code retro start [ID]} opens the retro thread, {@code retro add [ID] KIND: TEXT} files a note from anywhere,
 * {@code retro export [ID]} uploads the postmortem as Markdown to the incident's home channel.
 */
public final class RetroCommand implements Subcommand {
    private final IncidentService incidents;
    private final RetroService retro;
    private final SlackApi api;
    private final Function<String, byte[]> charts;
    private final RetroTicketCommand ticket;

    /** @param charts the newest analysis chart (PNG) of an incident, or null: exported beside the postmortem */
    public RetroCommand(IncidentService incidents, RetroService retro, SlackApi api, Function<String, byte[]> charts) {
        this(incidents, retro, api, charts, null);
    }

    /** @param ticket {@code retro ticket}, or null where tickets are not wired */
    public RetroCommand(IncidentService incidents, RetroService retro, SlackApi api, Function<String, byte[]> charts,
                        RetroTicketCommand ticket) {
        this.incidents = incidents;
        this.retro = retro;
        this.api = api;
        this.charts = charts;
        this.ticket = ticket;
    }

    @Override
    public String name() {
        return "retro";
    }

    @Override
    public String usage() {
        return "retro start|add|export|ticket [ID] …";
    }

    @Override
    public String summary() {
        return "open the retro thread, add a note (`retro add ID went well: …`, went poorly:, action:, lesson:), "
                + "export the postmortem as Markdown, or make action item N a ticket (`retro ticket ID N`)";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        String[] parts = args.strip().split("\\s+", 2);
        String action = parts[0].toLowerCase(Locale.ROOT);
        String rest = parts.length > 1 ? parts[1] : "";
        switch (action) {
            case "start", "open" -> start(request, rest, reply);
            case "add", "note" -> add(request, rest, reply);
            case "export", "postmortem" -> export(request, rest, reply);
            case "ticket" -> {
                if (ticket == null) {
                    throw new UserError("Tickets are not available here.");
                }
                ticket.run(request, rest, reply);
            }
            default -> throw new UserError("Use `/incident retro start [ID]`, `/incident retro add [ID] KIND: TEXT` "
                    + "(KIND: " + NoteKind.markers() + "), `/incident retro export [ID]` or `/incident retro ticket [ID] N`.");
        }
    }

    private void start(CommandRequest request, String args, Replier reply) {
        Incident incident = IncidentArgs.take(args, request, incidents, "retro start [ID]", reply).incident();
        RetroService.Opened opened = retro.open(incident.id(), request.userId());
        reply.ephemeral((opened.alreadyOpen() ? "The retro thread of " + incident.id() + " is already open" : "Opened the retro thread of "
                + incident.id()) + " in <#" + opened.thread().channelId() + ">. Replies there become notes.");
    }

    private void add(CommandRequest request, String args, Replier reply) {
        IncidentArgs a = IncidentArgs.take(args, request, incidents, "retro add [ID] KIND: TEXT", reply);
        if (a.rest().isBlank()) {
            throw new UserError("What is the note? `/incident retro add " + a.incident().id() + " lesson: ship model versions behind a canary`.");
        }
        reply.ephemeral(RetroBlocks.noteAdded(retro.addFromCommand(a.incident().id(), request.userId(), request.channelId(), a.rest())));
    }

    private void export(CommandRequest request, String args, Replier reply) {
        Incident incident = IncidentArgs.take(args, request, incidents, "retro export [ID]", reply).incident();
        Postmortem postmortem = retro.postmortem(incident.id());
        byte[] chart = charts.apply(incident.id());
        String chartName = incident.id() + "-postmortem-chart.png";
        String markdown = PostmortemMarkdown.render(postmortem, chart == null ? null : chartName);
        try {
            if (chart != null) {
                api.upload(incident.homeChannel(), null, chartName, "Log analysis chart " + incident.id(), chart, null);
            }
            api.upload(incident.homeChannel(), null, incident.id() + "-postmortem.md", "Postmortem " + incident.id(),
                    markdown, RetroBlocks.exportComment(postmortem));
        } catch (SlackCallFailed e) {
            throw new IllegalStateException("upload of the postmortem of " + incident.id() + " failed", e);
        }
        reply.ephemeral("📝 Uploaded the postmortem of " + incident.id() + " to <#" + incident.homeChannel() + "> ("
                + postmortem.notes().size() + (postmortem.notes().size() == 1 ? " note" : " notes") + "). Also on the command line: `incident-bot export " + incident.id() + "`.");
    }
}
