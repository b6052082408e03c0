package dev.incidentbot.investigation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.outbox.Deliverer;
import dev.incidentbot.outbox.DeliveryFailure;
import dev.incidentbot.outbox.OutboundCall;
import dev.incidentbot.outbox.OutboundCallRepository;
import dev.incidentbot.outbox.OutboxEntry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * The analysis an alert asks for, kept as an outbox row written in the transaction that stores the alerts which
 * opened the incident, and run by the outbox's {@value #KIND} lane. So a replica killed before the analysis was
 * posted leaves the request to the next sender (its own restart, or another replica once the lease ran out), and
 * replicas never run one request at the same time.
 *
 * <p>What stays at-least-once: a replica killed after the analysis was published but before the row was marked
 * leaves it to run again (a second summary in the thread), as any outbox row whose call went out.
 */
public final class AlertAnalyses implements Deliverer {
    public static final String KIND = "analysis";
    static final String PURPOSE = "alert-opened";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Investigator investigator;
    private final Consumer<Handle> wakeAfterCommit;
    private final Clock clock;

    /** @param wakeAfterCommit tells the outbox's sender to look once the handle's transaction committed */
    public AlertAnalyses(Investigator investigator, Consumer<Handle> wakeAfterCommit, Clock clock) {
        this.investigator = investigator;
        this.wakeAfterCommit = wakeAfterCommit;
        this.clock = clock;
    }

    /** Alerts opened this incident: asks for its analysis in {@code handle}'s transaction, when a source fits them. */
    public void request(Handle handle, Incident incident, Map<String, String> labels, Instant firingSince) {
        AlertContext context = new AlertContext(labels, firingSince);
        if (!investigator.hasSourceFor(context)) {
            return;
        }
        handle.attach(OutboundCallRepository.class)
                .insert(new OutboundCall(KIND, incident.id(), PURPOSE, payload(context)), clock.instant());
        wakeAfterCommit.accept(handle);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Runs the analysis on the lane's thread; the row is marked once it is published (or said to be unreadable). */
    @Override
    public String deliver(OutboxEntry entry) throws DeliveryFailure {
        AlertContext context;
        try {
            context = context(entry.payload());
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            throw DeliveryFailure.permanent("unreadable analysis request: " + e.getMessage());
        }
        return investigator.alertOpened(entry.incidentId(), context).name().toLowerCase(Locale.ROOT);
    }

    static String payload(AlertContext context) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode labels = o.putObject("labels");
        context.labels().forEach(labels::put);
        o.put("firingSince", context.firingSince() == null ? null : context.firingSince().toString());
        return o.toString();
    }

    static AlertContext context(String payload) throws IOException {
        JsonNode o = JSON.readTree(payload);
        if (o == null || !o.path("labels").isObject()) {
            throw new IllegalArgumentException("no labels");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        o.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        JsonNode since = o.path("firingSince");
        return new AlertContext(labels, since.isTextual() ? Instant.parse(since.asText()) : null);
    }
}
