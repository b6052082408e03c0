package dev.incidentbot.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentbot.incident.IncidentFilter;
import dev.incidentbot.incident.IncidentStatus;
import dev.incidentbot.incident.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The /incidents query string: what each filter means for the store, and the message for each bad value. */
class ListQueryTest {

    static ListQuery parse(String... pairs) {
        Map<String, List<String>> q = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return ListQuery.parse(q);
    }

    @Test
    void noParametersOrEmptyOnesFilterNothing() {
        assertThat(parse().filter()).isEqualTo(IncidentFilter.all());
        assertThat(parse("severity", "", "status", "", "from", "", "to", "").filter()).isEqualTo(IncidentFilter.all());
        assertThat(parse("status", "all").filter()).isEqualTo(IncidentFilter.all());
        assertThat(parse().page()).isEqualTo(1);
    }

    @Test
    void severityStatusAndInclusiveUtcDatesBecomeTheStoresFilter() {
        IncidentFilter f = parse("severity", "sev3", "status", "Monitoring", "from", "2026-03-01", "to", "2026-03-31").filter();
        assertThat(f).isEqualTo(new IncidentFilter(Severity.SEV3, IncidentStatus.MONITORING, false,
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")));
        assertThat(parse("status", "open").filter()).isEqualTo(new IncidentFilter(null, null, true, null, null));
        assertThat(parse("severity", "SEV1").severity()).isEqualTo(Severity.SEV1);
        assertThat(parse("severity", "2").severity()).isEqualTo(Severity.SEV2);
    }

    @Test
    void pagesAreFiftyRowsAndLinksKeepTheFilter() {
        ListQuery q = parse("severity", "SEV2", "status", "open", "page", "3");
        assertThat(q.offset()).isEqualTo(100);
        assertThat(q.link(4)).isEqualTo("/incidents?severity=SEV2&status=open&page=4");
        assertThat(q.link(1)).isEqualTo("/incidents?severity=SEV2&status=open");
        assertThat(ListQuery.none().link(1)).isEqualTo("/incidents");
    }

    @Test
    void badValuesAreRefusedWithAMessageThatSaysWhatWorks() {
        assertThatThrownBy(() -> parse("severity", "SEV9")).isInstanceOf(ListQuery.BadQuery.class).hasMessageContaining("SEV1, SEV2, SEV3 or SEV4");
        assertThatThrownBy(() -> parse("severity", "P1")).isInstanceOf(ListQuery.BadQuery.class);
        assertThatThrownBy(() -> parse("status", "closed")).isInstanceOf(ListQuery.BadQuery.class).hasMessageContaining("open, investigating");
        assertThatThrownBy(() -> parse("from", "14/03/2026")).isInstanceOf(ListQuery.BadQuery.class).hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> parse("from", "2026-03-10", "to", "2026-03-01")).isInstanceOf(ListQuery.BadQuery.class).hasMessageContaining("before it starts");
        assertThatThrownBy(() -> parse("page", "0")).isInstanceOf(ListQuery.BadQuery.class).hasMessageContaining("page number");
        assertThatThrownBy(() -> parse("page", "abc")).isInstanceOf(ListQuery.BadQuery.class);
        assertThatThrownBy(() -> parse("page", "100001")).isInstanceOf(ListQuery.BadQuery.class);
        assertThatThrownBy(() -> parse("severity", "SEV1", "severity", "SEV2")).isInstanceOf(ListQuery.BadQuery.class).hasMessageContaining("once");
        assertThatThrownBy(() -> parse("status", "x".repeat(41))).isInstanceOf(ListQuery.BadQuery.class).hasMessageContaining("too long");
    }
}
