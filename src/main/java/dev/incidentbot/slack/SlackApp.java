package dev.incidentbot.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.incidentbot.UserError;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.slack.blocks.IncidentBlocks;
import dev.incidentbot.slack.blocks.SlackMessage;
import dev.incidentbot.slack.command.CommandRequest;
import dev.incidentbot.slack.command.CommandRouter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Builds the Bolt app: /incident goes to the {@link CommandRouter} (ack first, work after), the notification's
 * buttons open small modals that go through the same services, and features register their own handlers.
 * Signatures are checked at the HTTP edge (both directions of clock skew), so Bolt's own check is left out.
 */
public final class SlackApp {
    public static final String UPDATE_MODAL = "incident_update_modal";
    public static final String RESOLVE_MODAL = "incident_resolve_modal";

    private final App app;
    private final CommandRouter router;
    private final ExecutorService work;
    private final SlackApi api;
    private final IncidentService incidents;

    public SlackApp(Slack slack, String botToken, String signingSecret, CommandRouter router, ExecutorService work,
                    SlackApi api, IncidentService incidents, List<SlackFeature> features) {
        AppConfig config = AppConfig.builder().singleTeamBotToken(botToken).signingSecret(signingSecret).slack(slack).build();
        this.app = new App(config, slack, new java.util.ArrayList<>());
        this.router = router;
        this.work = work;
        this.api = api;
        this.incidents = incidents;
        app.command("/incident", (req, ctx) -> onCommand(req));
        registerButtons();
        features.forEach(f -> f.register(app));
    }

    public App app() {
        return app;
    }

    /** A Slack client whose every Web API call goes to {@code apiUrl} (Slack, a proxy, or a test stand-in). */
    public static Slack client(String apiUrl) {
        com.slack.api.SlackConfig config = new com.slack.api.SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        config.setPrettyResponseLoggingEnabled(false);
        // The SDK's own call statistics parse Retry-After with Long.valueOf and throw on anything else before SlackApi
        // sees the 429; SlackApi does its own, tolerant retry accounting, so the statistics are off.
        config.setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    /**
     * Lets each Slack delivery through once across replicas sharing {@code jdbi}'s store (see {@link OnceOnly}); call
     * before the app takes requests.
     */
    public void onceOnly(org.jdbi.v3.core.Jdbi jdbi, java.time.Clock clock, String replica) {
        app.use(new OnceOnly(jdbi, clock, replica));
    }

    /** Marks the app started for HTTP mode, where requests arrive through web.SlackEndpoint. */
    public void startHttp() {
        app.start();
    }

    /** Starts Socket Mode in the background; see {@link SocketModeConnection}. */
    public SocketModeConnection startSocketMode(String appToken) throws java.io.IOException {
        return SocketModeConnection.start(appToken, app);
    }

    private Response onCommand(SlashCommandRequest req) {
        var p = req.getPayload();
        CommandRequest request = new CommandRequest(p.getUserId(), p.getChannelId(), p.getText(), p.getResponseUrl(), p.getTriggerId());
        CommandRouter.Route route = router.route(p.getText());
        if (route.command() == router.help() && route.known()) {
            // Help is cheap and known in advance: answer in the ack itself.
            return ephemeralAck(router.help().usage(null));
        }
        try {
            // execute, not submit: the queue then holds the PendingCommand itself, which a stop can still answer
            work.execute(new PendingCommand(() -> runCommand(route, request), request, p.getText(), api));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return ephemeralAck(work.isShutdown() ? PendingCommand.refusal(p.getText())
                    : SlackMessage.plain("⏳ incident-bot is overloaded right now; try again in a minute."));
        }
        return Response.ok();
    }

    private void runCommand(CommandRouter.Route route, CommandRequest request) {
        try {
            if (!route.known()) {
                reply(request, router.help().usage(route.word()));
                return;
            }
            route.command().run(request, route.args(), m -> reply(request, m));
        } catch (Throwable e) {
            Failures.respond(api, request.responseUrl(), e, "/incident " + route.word());
        }
    }

    private void reply(CommandRequest request, SlackMessage message) {
        api.respond(request.responseUrl(), message.ephemeralJson());
    }

    private static Response ephemeralAck(SlackMessage m) {
        return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(m.ephemeralJson()).build();
    }

    private void registerButtons() {
        app.blockAction(IncidentBlocks.ACTION_UPDATE, (req, ctx) -> {
            String id = req.getPayload().getActions().get(0).getValue();
            openModal(req.getPayload().getTriggerId(), UPDATE_MODAL, id, "Status update for " + id, "What changed? What is next?");
            return ctx.ack();
        });
        app.blockAction(IncidentBlocks.ACTION_RESOLVE, (req, ctx) -> {
            String id = req.getPayload().getActions().get(0).getValue();
            openModal(req.getPayload().getTriggerId(), RESOLVE_MODAL, id, "Resolve " + id, "How was it resolved?");
            return ctx.ack();
        });
        app.blockAction(IncidentBlocks.ACTION_SEVERITY, (req, ctx) -> {
            var p = req.getPayload();
            SeverityChoice.apply(work, api, incidents, p.getActions().get(0).getSelectedOption().getValue(), p.getUser().getId(),
                    p.getResponseUrl(), "severity button");
            return ctx.ack();
        });
        onModal(UPDATE_MODAL, incidents::postStatus);
        onModal(RESOLVE_MODAL, incidents::resolve);
    }

    /** What a modal submission does with (incident id, user, text). */
    private interface ModalAction {
        void apply(String incidentId, String userId, String text);
    }

    /** A submitted modal runs its action; a person's mistake is shown inline on the modal's text field. */
    private void onModal(String callbackId, ModalAction action) {
        app.viewSubmission(callbackId, (req, ctx) -> {
            View view = req.getPayload().getView();
            try {
                action.apply(view.getPrivateMetadata(), req.getPayload().getUser().getId(), modalText(view));
                return ctx.ack();
            } catch (UserError e) {
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of("text_block", e.getMessage())));
            }
        });
    }

    private static String modalText(View view) {
        Map<String, Map<String, ViewState.Value>> values = view.getState().getValues();
        ViewState.Value v = values.getOrDefault("text_block", Map.of()).get("text");
        return v == null ? "" : v.getValue();
    }

    /** views.open must follow the click within 3 s (the trigger expires), so it runs on the request thread. */
    private void openModal(String triggerId, String callbackId, String incidentId, String title, String label) {
        View modal = view(v -> v.type("modal").callbackId(callbackId).privateMetadata(incidentId)
                .title(viewTitle(t -> t.type("plain_text").text(title.length() > 24 ? title.substring(0, 24) : title)))
                .submit(viewSubmit(s -> s.type("plain_text").text("Post")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(input(i -> i.blockId("text_block").label(plainText(label))
                        .element(plainTextInput(e -> e.actionId("text").multiline(true)))))));
        try {
            api.call("views.open", m -> m.viewsOpen(r -> r.triggerId(triggerId).view(modal)));
        } catch (SlackCallFailed e) {
            Failures.describe(e, "views.open");
        }
    }
}
