package dev.incidentbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.incidentbot.web.SlackRequestHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hands a verified HTTP request to Bolt through {@link SlackRequestParser} and {@link App#run}, as bolt-jetty would. */
public final class BoltRequests implements SlackRequestHandler {
    private final App app;
    private final SlackRequestParser parser;

    public BoltRequests(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    public Answer handle(String path, Map<String, List<String>> query, Map<String, String> headers, String body, String remoteAddress)
            throws Exception {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        SlackRequestParser.HttpRequest raw = SlackRequestParser.HttpRequest.builder()
                .requestUri(path).queryString(query).headers(new RequestHeaders(multi))
                .requestBody(body).remoteAddress(remoteAddress).build();
        Request<?> request = parser.parse(raw);
        if (request == null) {
            return null;
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
        String type = response.getContentType() == null ? "text/plain; charset=utf-8" : response.getContentType();
        return new Answer(response.getStatusCode(), type, response.getBody() == null ? "" : response.getBody(), extra);
    }
}
