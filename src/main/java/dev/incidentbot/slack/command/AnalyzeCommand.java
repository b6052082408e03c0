package dev.incidentbot.slack.command;

import dev.incidentbot.UserError;
import dev.incidentbot.analysis.report.Report;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentId;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.investigation.Investigator;
import dev.incidentbot.slack.LogAnalysis;
import java.util.regex.Pattern;

/**
 * {@code analyze [ID] [FILE_ID | pasted log]}: finds what is behind a latency spike and posts the report; with an
 * incident and no log, reads the incident's window from the configured log sources.
 */
public final class AnalyzeCommand implements Subcommand {
    private static final Pattern FILE_ID = Pattern.compile("F[A-Z0-9_][A-Za-z0-9_.\\-]*");
    private final LogAnalysis analysis;
    private final IncidentService incidents;
    private final Investigator investigator;

    public AnalyzeCommand(LogAnalysis analysis, IncidentService incidents, Investigator investigator) {
        this.analysis = analysis;
        this.incidents = incidents;
        this.investigator = investigator;
    }

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String usage() {
        return "analyze [ID] [FILE_ID | pasted log]";
    }

    @Override
    public String summary() {
        return "find what is behind a latency spike or timeouts in API logs (JSON, NDJSON, logfmt, CSV, access logs)";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        String rest = args.strip();
        Incident incident;
        String[] first = rest.split("\\s+", 2);
        IncidentId id = IncidentId.tryParse(first[0]);
        if (id != null) {
            incident = incidents.get(id.toString());
            rest = first.length > 1 ? first[1].strip() : "";
        } else {
            incident = incidents.findByChannel(request.channelId()).orElse(null);
        }
        if (rest.isEmpty()) {
            if (incident == null) {
                throw new UserError("Give me logs: `/incident analyze F0123ABC` (a file shared in this channel) or paste log lines "
                        + "after `analyze`; `/incident analyze INC-2026-001` reads an incident's logs from the configured log sources.");
            }
            reply.ephemeral(fromSources(incident.id()));
            return;
        }
        reply.ephemeral("🔎 Analysing… the report follows in a moment.");
        boolean file = FILE_ID.matcher(rest).matches();
        Report report = file ? analysis.analyzeFile(rest) : analysis.analyzePasted(rest);
        analysis.publish(report, incident, request.channelId(), request.userId(), file ? "Slack file " + rest : "pasted log");
    }

    /** Starts an analysis of the incident from its log sources and says what happens next. */
    private String fromSources(String incidentId) {
        return switch (investigator.request(incidentId)) {
            case STARTED -> "🔎 Reading the logs of " + incidentId + " from its log sources; the analysis follows in its thread.";
            case COALESCED -> "🔎 An analysis of " + incidentId + " is running; it runs once more with the newest logs when it ends.";
            case BUSY -> "⏳ Too many analyses are waiting; try again in a minute.";
            case NO_SOURCE -> investigator.noSourceReason(incidentId);
        };
    }
}
