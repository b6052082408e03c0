package dev.incidentbot.slack.command;

import dev.incidentbot.UserError;
import dev.incidentbot.analysis.Report;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentId;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.slack.LogAnalysis;
import java.util.regex.Pattern;

/** {@code analyze [ID] FILE_ID | pasted log}: finds what is behind a latency spike and posts the report. */
public final class AnalyzeCommand implements Subcommand {
    private static final Pattern FILE_ID = Pattern.compile("F[A-Z0-9_][A-Za-z0-9_.\\-]*");
    private final LogAnalysis analysis;
    private final IncidentService incidents;

    public AnalyzeCommand(LogAnalysis analysis, IncidentService incidents) {
        this.analysis = analysis;
        this.incidents = incidents;
    }

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String usage() {
        return "analyze [ID] FILE_ID | pasted log";
    }

    @Override
    public String summary() {
        return "find what is behind a latency spike or timeouts in API logs (JSON, NDJSON, logfmt, CSV, access logs)";
    }

    @Override
    public void run(CommandRequest request, String args, Replier reply) {
        String rest = args.strip();
        Incident incident = null;
        String[] first = rest.split("\\s+", 2);
        IncidentId id = IncidentId.tryParse(first[0]);
        if (id != null) {
            incident = incidents.get(id.toString());
            rest = first.length > 1 ? first[1].strip() : "";
        } else {
            incident = incidents.findByChannel(request.channelId()).orElse(null);
        }
        if (rest.isEmpty()) {
            throw new UserError("Give me logs: `/incident analyze F0123ABC` (a file shared in this channel) or paste log lines after `analyze`.");
        }
        reply.ephemeral("🔎 Analysing… the report follows in a moment.");
        Report report = FILE_ID.matcher(rest).matches() ? analysis.analyzeFile(rest) : analysis.analyzePasted(rest);
        analysis.publish(report, incident, request.channelId(), request.userId());
    }
}
