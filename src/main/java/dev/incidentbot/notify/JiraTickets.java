package dev.incidentbot.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentbot.outbox.DeliveryFailure;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Jira Cloud REST v3: {@code POST /rest/api/3/issue} with basic auth (account mail : API token), the description in
 * the Atlassian Document Format; text nodes carry titles verbatim, so nothing in them is ever markup.
 */
public final class JiraTickets implements TicketSystem {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutboundHttp http;
    private final NotifySettings.JiraSettings jira;

    public JiraTickets(OutboundHttp http, NotifySettings.JiraSettings jira) {
        this.http = http;
        this.jira = jira;
    }

    @Override
    public String name() {
        return "Jira";
    }

    @Override
    public Ticket.Created create(Ticket t) throws DeliveryFailure {
        String auth = "Basic " + Base64.getEncoder().encodeToString((jira.user() + ":" + jira.token()).getBytes(StandardCharsets.UTF_8));
        String body = http.post("Jira", URI.create(jira.url() + "/rest/api/3/issue"), Map.of("Authorization", auth),
                request(t, jira.project()).toString());
        try {
            JsonNode n = JSON.readTree(body);
            String key = n.path("key").asText("");
            if (key.isEmpty()) {
                throw DeliveryFailure.permanent("Jira answered without an issue key");
            }
            return new Ticket.Created(key, jira.url() + "/browse/" + key);
        } catch (IOException e) {
            throw DeliveryFailure.permanent("Jira answered something that is not JSON");
        }
    }

    /** The create-issue body: project, type Task, summary, and an ADF description with the link back to Slack. */
    static ObjectNode request(Ticket t, String project) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode fields = root.putObject("fields");
        fields.putObject("project").put("key", project);
        fields.putObject("issuetype").put("name", "Task");
        fields.put("summary", t.summary());
        ObjectNode doc = fields.putObject("description");
        doc.put("type", "doc");
        doc.put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (String para : t.description().split("\\n\\s*\\n")) {
            if (!para.isBlank()) {
                paragraph(content).addObject().put("type", "text").put("text", para.strip());
            }
        }
        if (t.link() != null) {
            ArrayNode p = paragraph(content);
            p.addObject().put("type", "text").put("text", "Slack thread: ");
            ObjectNode link = p.addObject().put("type", "text").put("text", t.link());
            link.putArray("marks").addObject().put("type", "link").putObject("attrs").put("href", t.link());
        }
        return root;
    }

    private static ArrayNode paragraph(ArrayNode content) {
        ObjectNode p = content.addObject();
        p.put("type", "paragraph");
        return p.putArray("content");
    }
}
