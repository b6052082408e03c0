package dev.incidentbot.web;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.incidentbot.slack.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /slack/events: checks Slack's signature (401 and nothing run otherwise), then hands the request to Bolt
 * through {@link SlackRequestParser} and {@link App#run}, as bolt-jetty would.
 */
public final class SlackEndpoint implements Route {
    private static final Logger log = LoggerFactory.getLogger(SlackEndpoint.class);
    private final App app;
    private final SlackRequestParser parser;
    private final SlackSignature signature;

    public SlackEndpoint(App app, SlackSignature signature) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
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
        Map<String, List<String>> headers = new HashMap<>();
        call.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        SlackRequestParser.HttpRequest raw = SlackRequestParser.HttpRequest.builder()
                .requestUri(call.path()).queryString(call.query()).headers(new RequestHeaders(headers))
                .requestBody(new String(call.body(), StandardCharsets.UTF_8)).remoteAddress(call.remoteAddress()).build();
        Request<?> request = parser.parse(raw);
        if (request == null) {
            return HttpResult.error(400, "not a Slack request");
        }
        Response response = app.run(request);
        Map<String, String> extra = new HashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> {
                if (!v.isEmpty() && !"content-type".equalsIgnoreCase(k)) {
                    extra.put(k, v.get(0));
                }
            });
        }
        String body = response.getBody() == null ? "" : response.getBody();
        String type = response.getContentType() == null ? "text/plain; charset=utf-8" : response.getContentType();
        return new HttpResult(response.getStatusCode(), type, body.getBytes(StandardCharsets.UTF_8), extra);
    }
}
