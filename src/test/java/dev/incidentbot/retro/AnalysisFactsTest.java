package dev.incidentbot.retro;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AnalysisFactsTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"{not json", "[1,2]", "42", "null", "{}"})
    void absentOrUnreadableAnalysisGivesNothing(String json) {
        AnalysisFacts a = AnalysisFacts.parse(json);
        assertThat(a.present()).isFalse();
        assertThat(a.attributes()).isEmpty();
        assertThat(a.evidence()).isEmpty();
        assertThat(a.suggestedAlert()).isNull();
    }

    @Test
    void readsTheKeysOfTheAnalyzer() {
        AnalysisFacts a = AnalysisFacts.parse("""
                {"verdict":"regression","headline":"v1.3 is slow",
                 "rootCause":{"attributes":{"modelVersion":"v1.3","endpoint":"/risk-score"},"startedAt":"2025-08-01T18:06:00Z"},
                 "prevention":"canary","immediateAction":"roll back","retroNotes":["a","b"],"evidence":["e1"],
                 "suggestedAlert":{"metric":"p95 latency","dimension":"modelVersion","threshold_ms":180,"threshold_rate":0,"text":"t"}}""");

        assertThat(a.present()).isTrue();
        assertThat(a.attributesText()).isEqualTo("modelVersion=v1.3, endpoint=/risk-score");
        assertThat(a.symptomsFrom()).isEqualTo(Instant.parse("2025-08-01T18:06:00Z"));
        assertThat(a.retroNotes()).containsExactly("a", "b");
        assertThat(a.suggestedAlert()).isEqualTo(new AnalysisFacts.Alert("p95 latency", "modelVersion", 180L, null, "t"));
    }

    @Test
    void skipsValuesOfUnexpectedShapes() {
        AnalysisFacts a = AnalysisFacts.parse("""
                {"rootCause":null,"prevention":{"text":"canary"},"retroNotes":"one note","evidence":[1,{"x":2},null,"e"],
                 "suggestedAlert":{"metric":"failure rate","threshold_ms":0,"threshold_rate":"0.05"},
                 "headline":["not","text"]}""");

        assertThat(a.attributes()).isEmpty();
        assertThat(a.symptomsFrom()).isNull();
        assertThat(a.prevention()).isEqualTo("canary");
        assertThat(a.retroNotes()).containsExactly("one note");
        assertThat(a.evidence()).containsExactly("1", "e");
        assertThat(a.headline()).isNull();
        assertThat(a.suggestedAlert().thresholdMs()).isNull();
        assertThat(a.suggestedAlert().thresholdRate()).isEqualTo(0.05);
    }
}
