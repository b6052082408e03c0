package dev.incidentbot.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.outbox.DeliveryFailure;
import dev.incidentbot.outbox.OutboxEntry;
import dev.incidentbot.support.ServiceStandIn;
import dev.incidentbot.support.ServiceStandIn.Failure;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PagerDutyDelivererTest {
    private static final String KEY = "R0UTINGKEY0000000000000000000001";
    private static final String LINK = "https://slack.com/archives/C0INCIDENT/p1772461800000100";

    private ServiceStandIn pd;
    private final Fixtures.Thread thread = new Fixtures.Thread();
    private PagerDutyDeliverer deliverer;

    @BeforeEach
    void start() throws Exception {
        pd = new ServiceStandIn();
        deliverer = new PagerDutyDeliverer(OutboundHttp.standard(), URI.create(pd.url() + "/v2/enqueue"), KEY,
                id -> id.equals("INC-2026-001") ? Optional.of(LINK) : Optional.empty(), thread);
    }

    @AfterEach
    void stop() {
        pd.close();
    }

    private static OutboxEntry trigger(Incident i) {
        return Fixtures.entry(1, OutboundKinds.PAGERDUTY, i.id(), PolicyNotifier.TRIGGER, PagerDutyEvents.trigger(i, "declared"), 0);
    }

    @Test
    void aTriggerCarriesTheRoutingKeyTheIncidentIdTheMappedSeverityAndTheThreadLink() throws Exception {
        Incident i = Fixtures.incident("INC-2026-001", Severity.SEV1, "Model API down");
        String ref = deliverer.deliver(trigger(i));

        assertThat(ref).isEqualTo("INC-2026-001");
        assertThat(pd.calls).hasSize(1);
        JsonNode ev = pd.calls.get(0).json();
        assertThat(pd.calls.get(0).status()).isEqualTo(202);
        assertThat(ev.path("routing_key").asText()).isEqualTo(KEY);
        assertThat(ev.path("event_action").asText()).isEqualTo("trigger");
        assertThat(ev.path("dedup_key").asText()).isEqualTo("INC-2026-001");
        assertThat(ev.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(ev.path("payload").path("summary").asText()).isEqualTo("INC-2026-001 SEV1: Model API down");
        assertThat(ev.path("payload").path("source").asText()).isEqualTo("incident-bot");
        assertThat(ev.path("payload").path("custom_details").path("slack_thread").asText()).isEqualTo(LINK);
    }

    @Test
    void theStoredPayloadNeverHoldsTheRoutingKey() {
        Incident i = Fixtures.incident("INC-2026-001", Severity.SEV1, "Model API down");
        assertThat(PagerDutyEvents.trigger(i, "declared")).doesNotContain(KEY).doesNotContain("routing_key");
    }

    @Test
    void severitiesMapToTheEventsApiLevels() {
        assertThat(PagerDutyEvents.severity(Severity.SEV1)).isEqualTo("critical");
        assertThat(PagerDutyEvents.severity(Severity.SEV2)).isEqualTo("error");
        assertThat(PagerDutyEvents.severity(Severity.SEV3)).isEqualTo("warning");
        assertThat(PagerDutyEvents.severity(Severity.SEV4)).isEqualTo("info");
    }

    @Test
    void theRootCauseGoesInTheCustomDetailsOnceKnownAndAcknowledgeAndResolveCarryTheDedupKey() throws Exception {
        Incident i = Fixtures.incident("INC-2026-002", Severity.SEV2, "Slow");
        Incident known = new Incident(i.id(), i.title(), i.description(), i.severity(), i.status(), i.commander(), i.declaredBy(),
                i.source(), false, i.declaredAt(), i.lastUpdateAt(), null, "model v1.3 cold cache", null, null, i.channelId(), null, null);
        deliverer.deliver(trigger(known));
        deliverer.deliver(Fixtures.entry(2, OutboundKinds.PAGERDUTY, i.id(), "acknowledge", PagerDutyEvents.acknowledge(i), 0));
        deliverer.deliver(Fixtures.entry(3, OutboundKinds.PAGERDUTY, i.id(), "resolve", PagerDutyEvents.resolve(i), 0));

        assertThat(pd.calls).extracting(ServiceStandIn.Call::status).containsExactly(202, 202, 202);
        assertThat(pd.calls.get(0).json().path("payload").path("custom_details").path("root_cause").asText())
                .isEqualTo("model v1.3 cold cache");
        assertThat(pd.calls.get(0).json().path("payload").path("severity").asText()).isEqualTo("error");
        assertThat(pd.calls.get(0).json().path("payload").path("custom_details").has("slack_thread")).isFalse();
        assertThat(pd.calls.subList(1, 3)).extracting(c -> c.json().path("event_action").asText() + " " + c.json().path("dedup_key").asText())
                .containsExactly("acknowledge INC-2026-002", "resolve INC-2026-002");
    }

    @Test
    void anOutageIsRetryableA429CarriesItsRetryAfterAndEveryAttemptReachesTheService() {
        pd.failNext(new Failure(503, null, "{}"), new Failure(429, "7", "{\"status\":\"throttle event\"}"));
        OutboxEntry e = trigger(Fixtures.incident("INC-2026-001", Severity.SEV1, "Down"));

        DeliveryFailure outage = catchThrowableOfType(DeliveryFailure.class, () -> deliverer.deliver(e));
        DeliveryFailure slowDown = catchThrowableOfType(DeliveryFailure.class, () -> deliverer.deliver(e));

        assertThat(outage.retryable()).isTrue();
        assertThat(outage.retryAfter()).isNull();
        assertThat(slowDown.retryable()).isTrue();
        assertThat(slowDown.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(pd.calls).extracting(ServiceStandIn.Call::status).containsExactly(503, 429);
    }

    @Test
    void aRefusedEventIsFinalAndNotedInTheThreadOnceWithoutTheKey() {
        pd.failNext(new Failure(400, null, "{\"status\":\"invalid event\",\"errors\":[\"Invalid routing key\"]}"));
        OutboxEntry e = trigger(Fixtures.incident("INC-2026-001", Severity.SEV1, "Down"));

        DeliveryFailure refused = catchThrowableOfType(DeliveryFailure.class, () -> deliverer.deliver(e));
        deliverer.gaveUp(null, e, refused.getMessage());

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage()).isEqualTo("PagerDuty refused the request (HTTP 400)");
        assertThat(thread.notes).containsExactly("INC-2026-001 ⚠️ PagerDuty trigger not sent: PagerDuty refused the request (HTTP 400)");
        assertThat(String.join("\n", thread.notes)).doesNotContain(KEY);
    }

    @Test
    void wrongCredentialsAreFinalAndSayWhatToCheck() {
        pd.failNext(new Failure(403, null, "{}"));
        DeliveryFailure f = catchThrowableOfType(DeliveryFailure.class,
                () -> deliverer.deliver(trigger(Fixtures.incident("INC-2026-001", Severity.SEV1, "Down"))));
        assertThat(f.retryable()).isFalse();
        assertThat(f.getMessage()).isEqualTo("PagerDuty refused the credentials (HTTP 403); check the settings");
    }

    @Test
    void aServiceThatCannotBeReachedIsRetryable() {
        PagerDutyDeliverer nowhere = new PagerDutyDeliverer(OutboundHttp.standard(), URI.create("http://127.0.0.1:1/v2/enqueue"),
                KEY, id -> Optional.empty(), thread);
        DeliveryFailure f = catchThrowableOfType(DeliveryFailure.class,
                () -> nowhere.deliver(trigger(Fixtures.incident("INC-2026-001", Severity.SEV1, "Down"))));
        assertThat(f.retryable()).isTrue();
        assertThat(f.getMessage()).startsWith("PagerDuty could not be reached");
    }

    @Test
    void aHostileTitleTravelsAsJsonTextAndArrivesVerbatim() throws Exception {
        deliverer.deliver(trigger(Fixtures.incident("INC-2026-003", Severity.SEV1, Fixtures.HOSTILE)));
        assertThat(pd.calls.get(0).json().path("payload").path("summary").asText()).isEqualTo("INC-2026-003 SEV1: " + Fixtures.HOSTILE);
    }
}
