package dev.incidentbot.slack;

import com.slack.api.bolt.App;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.investigation.Investigator;
import dev.incidentbot.slack.blocks.InvestigationBlocks;
import dev.incidentbot.slack.blocks.SlackMessage;
import java.util.concurrent.ExecutorService;

/**
 * The buttons on a posted analysis: <em>Re-run analysis</em> reads the incident's sources again up to now, and
 * <em>Apply SEVn</em> sets the severity the policy suggests for the failure rate (only ever on that click).
 */
public final class AnalysisButtons implements SlackFeature {
    private final Investigator investigator;
    private final IncidentService incidents;
    private final SlackApi api;
    private final ExecutorService work;

    public AnalysisButtons(Investigator investigator, IncidentService incidents, SlackApi api, ExecutorService work) {
        this.investigator = investigator;
        this.incidents = incidents;
        this.api = api;
        this.work = work;
    }

    @Override
    public void register(App app) {
        app.blockAction(InvestigationBlocks.ACTION_RERUN, (req, ctx) -> {
            String id = req.getPayload().getActions().get(0).getValue();
            String responseUrl = req.getPayload().getResponseUrl();
            work.submit(() -> {
                try {
                    String said = switch (investigator.request(id)) {
                        case STARTED -> "🔎 Re-running the analysis of " + id + " up to now; it follows in the thread.";
                        case COALESCED -> "🔎 An analysis of " + id + " is running; it runs once more with the newest logs when it ends.";
                        case BUSY -> "⏳ Too many analyses are waiting; try again in a minute.";
                        case NO_SOURCE -> investigator.noSourceReason(id);
                    };
                    api.respond(responseUrl, ephemeral(said));
                } catch (Throwable e) {
                    Failures.respond(api, responseUrl, e, "Re-run analysis");
                }
            });
            return ctx.ack();
        });
        app.blockAction(InvestigationBlocks.ACTION_APPLY_SEVERITY, (req, ctx) -> {
            var p = req.getPayload();
            SeverityChoice.apply(work, api, incidents, p.getActions().get(0).getValue(), p.getUser().getId(),
                    p.getResponseUrl(), "Apply severity");
            return ctx.ack();
        });
    }

    private static String ephemeral(String text) {
        return SlackMessage.plain(text).ephemeralJson();
    }
}
