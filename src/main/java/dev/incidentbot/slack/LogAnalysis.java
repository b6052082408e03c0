package dev.incidentbot.slack;

import dev.incidentbot.UserError;
import dev.incidentbot.analysis.AnalyzeOptions;
import dev.incidentbot.analysis.LogAnalyzer;
import dev.incidentbot.analysis.input.UnreadableInputException;
import dev.incidentbot.analysis.render.MarkdownRenderer;
import dev.incidentbot.analysis.report.Report;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.investigation.Publisher;
import dev.incidentbot.slack.blocks.AnalysisBlocks;
import dev.incidentbot.slack.blocks.SlackMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the log analyzer on pasted text or a Slack file and posts the four-part report; when the analysis
 * belongs to an incident, publishes it on the incident. Used by {@code /incident analyze} and the shortcut.
 */
public final class LogAnalysis {
    private static final Logger log = LoggerFactory.getLogger(LogAnalysis.class);

    private final SlackApi api;
    private final SlackOutbox outbox;
    private final Publisher publisher;
    private final IncidentService incidents;
    private final long maxDownloadBytes;

    public LogAnalysis(SlackApi api, SlackOutbox outbox, Publisher publisher, IncidentService incidents,
                       long maxDownloadBytes) {
        this.api = api;
        this.outbox = outbox;
        this.publisher = publisher;
        this.incidents = incidents;
        this.maxDownloadBytes = maxDownloadBytes;
    }

    /** Analyses text pasted into Slack (Slack escapes &amp;, &lt;, &gt; and people wrap logs in code fences). */
    public Report analyzePasted(String text) {
        String log = Escaping.unescape(stripFences(text));
        try {
            return new LogAnalyzer(AnalyzeOptions.defaults().withSeries(true)).analyze(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), "pasted log");
        } catch (UnreadableInputException e) {
            throw new UserError(e.getMessage() + " Paste JSON, NDJSON, logfmt, CSV or access-log lines, or give a file id.");
        }
    }

    /** Downloads a Slack file (capped) to a temporary file and analyses it there, so memory stays bounded. */
    public Report analyzeFile(String fileId) {
        Path tmp = null;
        try {
            SlackApi.Download d = api.download(fileId, maxDownloadBytes);
            tmp = Files.createTempFile("incident-bot-", ".log");
            try (InputStream in = d.body()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            // named as people know it: the temporary copy's path means nothing to them and tells about the host
            return new LogAnalyzer(AnalyzeOptions.defaults().withSeries(true)).analyze(tmp).withSourceName("Slack file " + fileId);
        } catch (UnreadableInputException e) {
            throw new UserError("Slack file " + fileId + ": " + e.problem());
        } catch (SlackCallFailed e) {
            if (e.getMessage() != null && e.getMessage().contains("file_not_found")) {
                throw new UserError("Slack has no file " + fileId + " that the bot can see; share it in this channel first.");
            }
            throw new IllegalStateException("could not fetch " + fileId + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + fileId + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    log.warn("could not delete {}", tmp);
                }
            }
        }
    }

    /**
     * Posts the report where it was asked for: for an incident, through the {@link Publisher} (recorded on it while
     * open, kept with it, summary and chart in its thread); else in the channel, the full report as a file when long.
     *
     * @param source what was analysed, as people will read it ("Slack file F0123", "pasted log")
     */
    public void publish(Report report, Incident incident, String channelId, String actor, String source) {
        if (incident != null) {
            publisher.publish(incident, source, null, null, report, actor);
            return;
        }
        SlackMessage m = AnalysisBlocks.report(report, null);
        outbox.enqueue(OutboxMessage.of(null, "analysis", channelId, false, m.text(), m.blocksJson()));
        String markdown = MarkdownRenderer.render(report);
        if (markdown.length() > SlackInvestigationNotifier.LONG_REPORT) {
            String name = "log-analysis-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                    .format(incidents.clock().instant()) + ".md";
            outbox.enqueue(OutboxMessage.upload(null, "analysis-report", channelId, false, name, "Log analysis (full report)",
                    null, markdown.getBytes(StandardCharsets.UTF_8)));
        }
    }

    static String stripFences(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            t = t.substring(3);
            int nl = t.indexOf('\n');
            if (nl >= 0 && t.substring(0, nl).strip().matches("[A-Za-z0-9_+-]+")) {
                t = t.substring(nl + 1); // a language tag such as ```json
            }
        }
        if (t.endsWith("```")) {
            t = t.substring(0, t.length() - 3);
        }
        return t;
    }
}
