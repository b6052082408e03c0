package dev.incidentbot.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentbot.outbox.DeliveryFailure;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * GitHub Issues: {@code POST /repos/{owner}/{name}/issues} with a bearer token. The body is Markdown, so what people
 * typed goes in a fenced block where GitHub renders no HTML and pings no one.
 */
public final class GitHubTickets implements TicketSystem {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutboundHttp http;
    private final NotifySettings.GitHubSettings github;

    public GitHubTickets(OutboundHttp http, NotifySettings.GitHubSettings github) {
        this.http = http;
        this.github = github;
    }

    @Override
    public String name() {
        return "GitHub";
    }

    @Override
    public Ticket.Created create(Ticket t) throws DeliveryFailure {
        String body = http.post("GitHub", URI.create(github.apiUrl() + "/repos/" + github.repo() + "/issues"),
                Map.of("Authorization", "Bearer " + github.token(), "Accept", "application/vnd.github+json",
                        "X-GitHub-Api-Version", "2022-11-28"), request(t).toString());
        try {
            JsonNode n = JSON.readTree(body);
            String url = n.path("html_url").asText("");
            if (url.isEmpty()) {
                throw DeliveryFailure.permanent("GitHub answered without an issue URL");
            }
            return new Ticket.Created("#" + n.path("number").asText(), url);
        } catch (IOException e) {
            throw DeliveryFailure.permanent("GitHub answered something that is not JSON");
        }
    }

    static ObjectNode request(Ticket t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", t.summary());
        String fence = "~~~~~~~~";
        String text = t.description().replace(fence, "~ ~ ~ ~");
        StringBuilder body = new StringBuilder(fence).append("text\n").append(text).append('\n').append(fence).append('\n');
        if (t.link() != null && t.link().matches("https?://[^\\s()<>\\[\\]]+")) {
            body.append("\n[Slack thread](").append(t.link()).append(")\n");
        }
        root.put("body", body.toString());
        return root;
    }
}
