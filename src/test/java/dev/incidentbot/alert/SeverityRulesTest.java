package dev.incidentbot.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentbot.incident.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeverityRulesTest {

    static Alert alert(Map<String, String> labels) {
        return new Alert("alertmanager", "fp", "g", Alert.Status.FIRING, labels, Map.of(), null, null, null);
    }

    @Test
    void defaultsFollowTheSeedPolicy() {
        SeverityRules rules = SeverityRules.defaults();

        assertThat(rules.severityOf(alert(Map.of("severity", "critical")))).isEqualTo(Severity.SEV1);
        assertThat(rules.severityOf(alert(Map.of("severity", "page")))).isEqualTo(Severity.SEV1);
        assertThat(rules.severityOf(alert(Map.of("severity", "Warning")))).isEqualTo(Severity.SEV3);
        assertThat(rules.severityOf(alert(Map.of("severity", "info")))).isEqualTo(Severity.SEV4);
        assertThat(rules.severityOf(alert(Map.of("severity", "sev2")))).as("severity words are understood").isEqualTo(Severity.SEV2);
        assertThat(rules.severityOf(alert(Map.of("alertname", "X")))).as("no severity label").isEqualTo(Severity.SEV3);
        assertThat(rules.threshold()).isEqualTo(Severity.SEV2);
        assertThat(rules.declares(Severity.SEV1)).isTrue();
        assertThat(rules.declares(Severity.SEV2)).isTrue();
        assertThat(rules.declares(Severity.SEV3)).isFalse();
        assertThat(rules.stormWindow()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void offersTheSeedRunbooksByAlertName() {
        SeverityRules rules = SeverityRules.defaults();

        assertThat(rules.runbookFor(alert(Map.of("alertname", "HighErrorRate")))).get().extracting(Runbook::name).isEqualTo("High error rate");
        assertThat(rules.runbookFor(alert(Map.of("alertname", "ModelServiceUnavailable")))).get().extracting(Runbook::name).isEqualTo("Model unavailable");
        assertThat(rules.runbookFor(alert(Map.of("alertname", "AccuracyBelow85")))).get().extracting(Runbook::name).isEqualTo("Accuracy degradation");
        assertThat(rules.runbookFor(alert(Map.of("alertname", "DiskAlmostFull")))).isEmpty();
    }

    @Test
    void aYamlFileAddsRulesOnOtherLabelsAndReplacesRunbooks(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, """
                threshold: SEV3
                severities:
                  critical: SEV2
                  warning: SEV3
                rules:
                  - match: {service: "payments|checkout", severity: warning}
                    severity: SEV1
                runbooks:
                  - name: Disk full
                    match: {alertname: "Disk.*"}
                    url: https://runbooks.example.com/disk
                    steps: ["Free space", "Grow the volume"]
                stormWindow: PT0.5S
                """);
        SeverityRules rules = SeverityRules.load(file);

        assertThat(rules.severityOf(alert(Map.of("service", "payments", "severity", "warning")))).isEqualTo(Severity.SEV1);
        assertThat(rules.severityOf(alert(Map.of("service", "search", "severity", "warning")))).isEqualTo(Severity.SEV3);
        assertThat(rules.severityOf(alert(Map.of("severity", "critical")))).isEqualTo(Severity.SEV2);
        assertThat(rules.declares(Severity.SEV3)).isTrue();
        assertThat(rules.runbookFor(alert(Map.of("alertname", "DiskAlmostFull")))).get().extracting(Runbook::steps).asList().hasSize(2);
        assertThat(rules.runbookFor(alert(Map.of("alertname", "HighErrorRate")))).as("seed runbooks replaced").isEmpty();
        assertThat(rules.stormWindow()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aJsonFileWorksToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, "{\"rules\": [{\"match\": {\"team\": \"ml\"}, \"severity\": \"critical\"}]}");
        assertThat(SeverityRules.load(file).severityOf(alert(Map.of("team", "ml")))).isEqualTo(Severity.SEV1);
    }

    @Test
    void aBadFileIsRefusedNamingTheFileAndTheEntry(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, "rules:\n  - match: {service: checkout}\n    severity: urgent\n");
        assertThatThrownBy(() -> SeverityRules.load(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("rules[0].severity is 'urgent', not a severity");

        Files.writeString(file, "rules:\n  - match: {service: \"(\"}\n    severity: SEV1\n");
        assertThatThrownBy(() -> SeverityRules.load(file)).hasMessageContaining("rules[0].match.service is not a regular expression");

        Files.writeString(file, "treshold: SEV1\n");
        assertThatThrownBy(() -> SeverityRules.load(file)).hasMessageContaining("treshold");

        assertThatThrownBy(() -> SeverityRules.load(dir.resolve("missing.yml"))).hasMessageContaining("cannot be read");
    }
}
