package dev.incidentbot.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertParserTest {
    private final AlertParser parser = new AlertParser();

    private List<Alert> parse(AlertSource source, String body) {
        return parser.parse(source, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsACapturedAlertmanagerGroupOfTwo() {
        List<Alert> alerts = parser.parse(AlertSource.ALERTMANAGER, Fixtures.bytes("am-v4-01-firing-group-2alerts.json"));

        assertThat(alerts).hasSize(2);
        Alert a = alerts.get(0);
        assertThat(a.source()).isEqualTo("alertmanager");
        assertThat(a.fingerprint()).isEqualTo("c99eb7baa1f5803c");
        assertThat(a.groupKey()).isEqualTo("{}:{alertname=\"HighErrorRate\", service=\"checkout\"}");
        assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
        assertThat(a.name()).isEqualTo("HighErrorRate");
        assertThat(a.summary()).isEqualTo("5xx rate above 5% on checkout-1");
        assertThat(a.runbookUrl()).isEqualTo("https://runbooks.example.com/HighErrorRate");
        assertThat(a.startsAt()).isEqualTo(Instant.parse("2026-11-22T21:50:46Z"));
        assertThat(a.endsAt()).as("Alertmanager's zero time means still firing").isNull();
        assertThat(a.url()).startsWith("http://prometheus.example.com/graph");
        assertThat(alerts.get(1).groupKey()).isEqualTo(a.groupKey());
    }

    @Test
    void aFiringGroupCanCarryAResolvedAlert() {
        List<Alert> alerts = parser.parse(AlertSource.ALERTMANAGER, Fixtures.bytes("am-v4-03-firing-one-resolved-in-group.json"));

        assertThat(alerts).extracting(Alert::status).containsExactly(Alert.Status.RESOLVED, Alert.Status.FIRING);
        assertThat(alerts.get(0).endsAt()).isEqualTo(Instant.parse("2026-11-22T21:50:55Z"));
    }

    @Test
    void readsNanosecondStartTimesOfAmtool() {
        Alert a = parser.parse(AlertSource.ALERTMANAGER, Fixtures.bytes("am-v4-02-firing-single-amtool.json")).get(0);
        assertThat(a.startsAt()).isEqualTo(Instant.parse("2026-11-22T21:50:46.413925998Z"));
    }

    @Test
    void readsGrafanaUnifiedAlertingAndLinksBackToIt() {
        List<Alert> alerts = parser.parse(AlertSource.GRAFANA, Fixtures.bytes("grafana-unified-firing.json"));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.source()).isEqualTo("grafana");
            assertThat(a.name()).isEqualTo("CheckoutLatencyHigh");
            assertThat(a.fingerprint()).isEqualTo("5f1e0c2a9b7d3e41");
            assertThat(a.url()).as("empty panelURL falls back to the rule view").startsWith("https://grafana.example.com/alerting/grafana/abc123");
        });
        assertThat(parser.parse(AlertSource.GRAFANA, Fixtures.bytes("grafana-unified-resolved.json")).get(0).status())
                .isEqualTo(Alert.Status.RESOLVED);
    }

    @Test
    void readsTheGenericFormatWithItsSeverityAsALabel() {
        Alert a = parse(AlertSource.GENERIC, """
                {"title": "Checkout 5xx above 5%", "severity": "critical", "status": "firing", "key": "checkout-5xx",
                 "description": "12% of requests fail", "labels": {"service": "checkout"}, "url": "https://grafana.example.com/d/1"}
                """).get(0);

        assertThat(a.fingerprint()).isEqualTo("checkout-5xx");
        assertThat(a.groupKey()).isEqualTo("checkout-5xx");
        assertThat(a.labels()).containsEntry("severity", "critical").containsEntry("service", "checkout");
        assertThat(a.summary()).isEqualTo("Checkout 5xx above 5%");
        assertThat(a.annotations()).containsEntry("description", "12% of requests fail");
        assertThat(a.url()).isEqualTo("https://grafana.example.com/d/1");
        assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
    }

    @Test
    void aGenericResolutionNeedsOnlyItsKey() {
        Alert a = parse(AlertSource.GENERIC, "{\"status\": \"resolved\", \"key\": \"checkout-5xx\"}").get(0);
        assertThat(a.status()).isEqualTo(Alert.Status.RESOLVED);
        assertThat(a.fingerprint()).isEqualTo("checkout-5xx");
    }

    @Test
    void derivesAFingerprintFromTheLabelsWhenNoneIsSent() {
        String body = "{\"alerts\": [{\"status\": \"firing\", \"labels\": {\"b\": \"2\", \"a\": \"1\"}}]}";
        String other = "{\"alerts\": [{\"status\": \"firing\", \"labels\": {\"a\": \"1\", \"b\": \"2\"}}]}";
        assertThat(parse(AlertSource.ALERTMANAGER, body).get(0).fingerprint())
                .hasSize(16).isEqualTo(parse(AlertSource.ALERTMANAGER, other).get(0).fingerprint());
    }

    @Test
    void namesTheProblemOfABadBody() {
        assertThatThrownBy(() -> parse(AlertSource.ALERTMANAGER, "{\"version\": \"4\", \"alerts\": ["))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse(AlertSource.ALERTMANAGER, "{\"version\": \"4\"}"))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("'alerts' is missing");
        assertThatThrownBy(() -> parse(AlertSource.ALERTMANAGER, "{\"alerts\": [{\"status\": \"burning\", \"labels\": {}}]}"))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("alerts[0].status must be firing or resolved");
        assertThatThrownBy(() -> parse(AlertSource.ALERTMANAGER, "{\"alerts\": [{\"status\": \"firing\"}]}"))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("alerts[0].labels is missing");
        assertThatThrownBy(() -> parse(AlertSource.ALERTMANAGER, "{\"alerts\": [{\"status\": \"firing\", \"labels\": {\"a\": {\"b\": 1}}}]}"))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("'alerts[0].labels.a'");
        assertThatThrownBy(() -> parse(AlertSource.ALERTMANAGER, "{\"alerts\": [{\"status\": \"firing\", \"labels\": {}, \"startsAt\": \"yesterday\"}]}"))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("alerts[0].startsAt is not an ISO-8601 time");
        assertThatThrownBy(() -> parse(AlertSource.GRAFANA, "[]"))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> parse(AlertSource.GENERIC, "{\"title\": \"x\"}"))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("'key' is missing");
        assertThatThrownBy(() -> parse(AlertSource.GENERIC, "{\"key\": \"k\", \"status\": \"firing\"}"))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("'title' is missing");
        assertThatThrownBy(() -> parse(AlertSource.GENERIC, "{\"key\": \"k\", \"title\": \"t\", \"status\": \"on\"}"))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("'status' must be firing or resolved");
        assertThatThrownBy(() -> parse(AlertSource.GENERIC, "\"text\""))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> parse(AlertSource.GENERIC, "{\"key\": \"k\", \"title\": \"t\"} trailing"))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parser.parse(AlertSource.GENERIC, new byte[0]))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("empty");
    }
}
