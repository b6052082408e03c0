package dev.incidentbot.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentbot.outbox.Deliverer;
import dev.incidentbot.outbox.DeliveryFailure;
import dev.incidentbot.outbox.OutboxEntry;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Sends PagerDuty events from the outbox: adds the routing key (never stored) and, for a trigger, the Slack thread's
 * link when it is known by then. A refused event or one out of retries is noted in the incident's thread.
 */
public final class PagerDutyDeliverer implements Deliverer {
    private final OutboundHttp http;
    private final URI eventsUrl;
    private final String routingKey;
    private final ThreadLinks links;
    private final ThreadNotes notes;

    public PagerDutyDeliverer(OutboundHttp http, URI eventsUrl, String routingKey, ThreadLinks links, ThreadNotes notes) {
        this.http = http;
        this.eventsUrl = eventsUrl;
        this.routingKey = routingKey;
        this.links = links;
        this.notes = notes;
    }

    @Override
    public String kind() {
        return OutboundKinds.PAGERDUTY;
    }

    @Override
    public String deliver(OutboxEntry entry) throws DeliveryFailure {
        ObjectNode event;
        try {
            event = (ObjectNode) PagerDutyEvents.JSON.readTree(entry.payload());
        } catch (IOException | ClassCastException e) {
            throw DeliveryFailure.permanent("PagerDuty event " + entry.id() + " is not readable");
        }
        event.put("routing_key", routingKey);
        JsonNode details = event.path("payload").path("custom_details");
        if (details instanceof ObjectNode d && entry.incidentId() != null) {
            links.of(entry.incidentId()).ifPresent(link -> d.put("slack_thread", link));
        }
        String body = http.post("PagerDuty", eventsUrl, Map.of(), event.toString());
        try {
            JsonNode answer = PagerDutyEvents.JSON.readTree(body);
            String key = answer.path("dedup_key").asText("");
            return key.isEmpty() ? event.path("dedup_key").asText() : key;
        } catch (IOException e) {
            return event.path("dedup_key").asText();
        }
    }

    @Override
    public void gaveUp(Handle handle, OutboxEntry entry, String reason) {
        if (entry.incidentId() != null) {
            notes.note(handle, entry.incidentId(), "⚠️ PagerDuty " + entry.purpose() + " not sent: " + reason);
        }
    }
}
