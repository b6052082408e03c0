package dev.incidentbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.model.File;
import dev.incidentbot.analysis.report.Report;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** The message shortcut "Analyze logs": analyses the file attached to a message, like {@code /incident analyze FILE_ID}. */
public final class AnalyzeShortcut implements SlackFeature {
    public static final String CALLBACK_ID = "analyze_logs";
    private final LogAnalysis analysis;
    private final IncidentService incidents;
    private final SlackApi api;
    private final ExecutorService work;

    public AnalyzeShortcut(LogAnalysis analysis, IncidentService incidents, SlackApi api, ExecutorService work) {
        this.analysis = analysis;
        this.incidents = incidents;
        this.api = api;
        this.work = work;
    }

    @Override
    public void register(App app) {
        app.messageShortcut(CALLBACK_ID, (req, ctx) -> {
            var p = req.getPayload();
            String channel = p.getChannel().getId();
            String user = p.getUser().getId();
            String responseUrl = p.getResponseUrl();
            List<File> files = p.getMessage() == null || p.getMessage().getFiles() == null ? List.of() : p.getMessage().getFiles();
            String pasted = p.getMessage() == null ? null : p.getMessage().getText();
            work.submit(() -> {
                try {
                    Report report = !files.isEmpty() ? analysis.analyzeFile(files.get(0).getId()) : analysis.analyzePasted(
                            pasted == null ? "" : pasted);
                    Incident incident = incidents.findByChannel(channel)
                            .or(() -> incidents.findByMessage(channel, p.getMessage() == null ? "" : nullToEmpty(p.getMessage().getThreadTs())))
                            .orElse(null);
                    analysis.publish(report, incident, channel, user,
                            !files.isEmpty() ? "Slack file " + files.get(0).getId() : "a message's text");
                } catch (Throwable e) {
                    Failures.respond(api, responseUrl, e, "Analyze logs shortcut");
                }
            });
            return ctx.ack();
        });
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
