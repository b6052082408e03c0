package dev.incidentbot.slack;

import dev.incidentbot.analysis.render.MarkdownRenderer;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.investigation.InvestigationNotifier;
import dev.incidentbot.investigation.SourcedReport;
import dev.incidentbot.slack.blocks.InvestigationBlocks;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Posts analyses of an incident in its home (its channel, else the announcement's thread) through the outbox: the
 * summary with its buttons, then the full report as a Markdown file when it is long, then the chart as a PNG. Every
 * one is an outbox row, so a Slack outage delays them but does not lose them.
 */
public final class SlackInvestigationNotifier implements InvestigationNotifier {
    /** Reports longer than this are also uploaded in full as a Markdown file. */
    static final int LONG_REPORT = 3000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final SlackOutbox outbox;
    private final SlackIncidentNotifier notifier;
    private final java.time.Clock clock;

    public SlackInvestigationNotifier(SlackOutbox outbox, SlackIncidentNotifier notifier, java.time.Clock clock) {
        this.outbox = outbox;
        this.notifier = notifier;
        this.clock = clock;
    }

    @Override
    public void analysed(org.jdbi.v3.core.Handle h, Incident incident, SourcedReport s) {
        notifier.thread(h, incident, "analysis", InvestigationBlocks.summary(incident, s));
        boolean inThread = incident.incidentChannelId() == null;
        String stamp = STAMP.format(clock.instant());
        String markdown = MarkdownRenderer.render(s.report());
        if (markdown.length() > LONG_REPORT) {
            outbox.write(h, OutboxMessage.upload(incident.id(), "analysis-report", incident.homeChannel(), inThread,
                    "log-analysis-" + incident.id() + "-" + stamp + ".md", "Log analysis of " + s.source() + " (full report)",
                    null, markdown.getBytes(StandardCharsets.UTF_8)));
        }
        if (s.chartPng() != null) {
            outbox.write(h, OutboxMessage.upload(incident.id(), "analysis-chart", incident.homeChannel(), inThread,
                    "log-analysis-" + incident.id() + "-" + stamp + ".png",
                    "p95 latency and failure rate, " + s.source(), null, s.chartPng()));
        }
    }

    @Override
    public void sourceFailed(org.jdbi.v3.core.Handle h, Incident incident, String source, String reason) {
        notifier.thread(h, incident, "analysis-source", InvestigationBlocks.sourceFailed(source, reason));
    }
}
