package dev.incidentbot.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.alert.Alert;
import dev.incidentbot.alert.AlertDeclaration;
import dev.incidentbot.alert.GroupDigest;
import dev.incidentbot.alert.Runbook;
import dev.incidentbot.incident.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertBlocksTest {

    static Alert alert(String name, Map<String, String> labels, Map<String, String> annotations, String url) {
        Map<String, String> l = new HashMap<>(labels);
        l.put("alertname", name);
        return new Alert("alertmanager", name + labels.hashCode(), "g", Alert.Status.FIRING, l, annotations, null, null, url);
    }

    @Test
    void theAnnouncementShowsSummaryLabelsLinksAndRunbookSteps() {
        Alert a = alert("HighErrorRate", Map.of("service", "checkout"), Map.of("summary", "5xx above 5%",
                "runbook_url", "https://runbooks.example.com/HighErrorRate"), "http://prometheus.example.com/graph?g0.expr=a%3Eb");
        Runbook runbook = Runbook.seed().get(1);
        List<String> lines = AlertBlocks.announcementLines(new AlertDeclaration("alertmanager", Severity.SEV1, List.of(a), 3, runbook).trigger());
        String all = String.join("\n", lines);

        assertThat(all).contains("`HighErrorRate` from alertmanager (3 alerts firing)", "5xx above 5%", "`service=checkout`",
                "<https://runbooks.example.com/HighErrorRate|", "<http://prometheus.example.com/graph?g0.expr=a%3Eb|view in alertmanager>",
                "runbook High error rate", "1. Identify the error type");
    }

    @Test
    void untrustedLabelsAndAnnotationsCannotPingLinkOrBreakOutOfCode() {
        Alert a = alert("Evil`<!channel>`", Map.of("service", "<!channel> <@U0BOSS>"), Map.of("summary", "<!here> <https://evil.example|here> & co",
                "runbook_url", "javascript:alert(1)"), "https://x.example/|<!channel>");
        String all = String.join("\n", AlertBlocks.announcementLines(new AlertDeclaration("alertmanager", Severity.SEV1, List.of(a), 1, null).trigger()))
                + AlertBlocks.compact(new GroupDigest("alertmanager", "g", null, Severity.SEV3, List.of(a), 1, List.of(), 0, -1, false)).text()
                + AlertBlocks.incidentNote(new GroupDigest("alertmanager", "g", "INC-2026-001", Severity.SEV1, List.of(a), 1, List.of(a), 1, 0, true));

        assertThat(all).doesNotContain("<!channel>", "<!here>", "<@U0BOSS>", "<https://evil", "<javascript", "|<")
                .contains("&lt;!channel&gt;", "&lt;!here&gt;", "&amp; co");
    }

    @Test
    void aStormDigestShowsAFewExamplesAndTheCount() {
        List<Alert> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(alert("Storm", Map.of("instance", "i-" + i), Map.of(), null));
        }
        String note = AlertBlocks.incidentNote(new GroupDigest("alertmanager", "g", "INC-2026-001", Severity.SEV1, many, 996, List.of(), 0, 1000, false));

        assertThat(note).contains("➕ 996 alerts joined", "… and 991 more", "1000 alerts firing now.");
        assertThat(note.split("\n• ")).hasSize(GroupDigest.EXAMPLES + 2);
    }

    @Test
    void partialRecoveryAndCompactPostsSayWhatHappened() {
        Alert a = alert("DiskAlmostFull", Map.of("severity", "warning"), Map.of("summary", "Disk 91% full"), null);
        assertThat(AlertBlocks.incidentNote(new GroupDigest("alertmanager", "g", "INC-2026-001", null, List.of(), 0, List.of(a), 1, 2, false)))
                .contains("✅ 1 alert recovered", "Partial recovery: 2 alerts still firing");
        SlackMessage compact = AlertBlocks.compact(new GroupDigest("alertmanager", "g", null, Severity.SEV3, List.of(a), 1, List.of(), 0, -1, false));
        assertThat(compact.text()).contains("SEV3 alert firing", "`DiskAlmostFull` — Disk 91% full", "`severity=warning`");
        assertThat(compact.blocksJson()).contains("Below the incident threshold");
    }
}
