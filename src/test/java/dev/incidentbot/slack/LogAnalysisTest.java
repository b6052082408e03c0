package dev.incidentbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogAnalysisTest {
    @Test
    void stripsCodeFencesAndTheirLanguageTagButNotTheLog() {
        assertThat(LogAnalysis.stripFences("```json\n[{\"a\":1}]\n```")).isEqualTo("[{\"a\":1}]\n");
        assertThat(LogAnalysis.stripFences("```[\n{\"a\":1}\n]```")).isEqualTo("[\n{\"a\":1}\n]");
        assertThat(LogAnalysis.stripFences("level=error rt=0.5")).isEqualTo("level=error rt=0.5");
    }
}
