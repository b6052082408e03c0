package dev.incidentbot.web;

import dev.incidentbot.slack.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /slack/events: checks Slack's signature (401 and nothing run otherwise), then hands the request to the
 * {@link SlackRequestHandler} (Bolt, wired in Bot), so this edge knows nothing of the Slack SDK.
 */
public final class SlackEndpoint implements Route {
    private static final Logger log = LoggerFactory.getLogger(SlackEndpoint.class);
    private final SlackRequestHandler handler;
    private final SlackSignature signature;

    public SlackEndpoint(SlackRequestHandler handler, SlackSignature signature) {
        this.handler = handler;
        this.signature = signature;
    }
    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/slack/events";
    }

    @Override
    public long maxBodyBytes() {
        return 4L * 1024 * 1024; // pasted logs ride in slash-command text
    }

    @Override
    public HttpResult handle(HttpCall call) throws Exception {
        SlackSignature.Verdict verdict = signature.verify(call.header("X-Slack-Request-Timestamp"),
                call.header("X-Slack-Signature"), call.body());
        if (verdict != SlackSignature.Verdict.OK) {
            log.warn("refused a /slack/events request from {}: {}", call.remoteAddress(), verdict);
            return HttpResult.error(401, "invalid request signature");
        }
        SlackRequestHandler.Answer answer = handler.handle(call.path(), call.query(), new HashMap<>(call.headers()),
                new String(call.body(), StandardCharsets.UTF_8), call.remoteAddress());
        if (answer == null) {
            return HttpResult.error(400, "not a Slack request");
        }
        return new HttpResult(answer.status(), answer.contentType(), answer.body().getBytes(StandardCharsets.UTF_8),
                answer.headers());
    }
}
