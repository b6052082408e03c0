package dev.incidentbot.retro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NoteKindTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "went well: rollback took 4 minutes      | WENT_WELL   | rollback took 4 minutes",
            "Went Well - rollback was smooth         | WENT_WELL   | rollback was smooth",
            "went_well: quick page                   | WENT_WELL   | quick page",
            "✅ rollback was smooth                   | WENT_WELL   | rollback was smooth",
            ":white_check_mark: rollback was smooth  | WENT_WELL   | rollback was smooth",
            "went poorly: we learned from lenders    | WENT_POORLY | we learned from lenders",
            "❌ no alert fired                        | WENT_POORLY | no alert fired",
            ":x: no alert fired                      | WENT_POORLY | no alert fired",
            "action: alert on p95 per model version  | ACTION      | alert on p95 per model version",
            "Action item: review pool sizing         | ACTION      | review pool sizing",
            "🎯 add a canary                          | ACTION      | add a canary",
            ":dart: add a canary                     | ACTION      | add a canary",
            "lesson: ship behind a canary            | LESSON      | ship behind a canary",
            "Lessons learned: logs must be valid     | LESSON      | logs must be valid",
            "💡 logs must be valid                    | LESSON      | logs must be valid",
            ":bulb:: logs must be valid              | LESSON      | logs must be valid",
            "- went well: bullet typed out of habit  | WENT_WELL   | bullet typed out of habit",
            "discussion: was the canary on?          | DISCUSSION  | was the canary on?",
    })
    void classifiesByLeadingWordOrEmoji(String raw, NoteKind kind, String text) {
        NoteKind.Classified c = NoteKind.classify(raw);
        assertThat(c.kind()).isEqualTo(kind);
        assertThat(c.text()).isEqualTo(text);
        assertThat(c.marked()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "good catch by Ana, the canary was off",
            "well, that was a long night",
            "actionable alerts would help",
            "the ✅ emoji in the middle does not count",
    })
    void unmarkedTextIsDiscussionAndKeptWhole(String raw) {
        NoteKind.Classified c = NoteKind.classify(raw);
        assertThat(c.kind()).isEqualTo(NoteKind.DISCUSSION);
        assertThat(c.text()).isEqualTo(raw);
        assertThat(c.marked()).isFalse();
    }

    @Test
    void keepsLineBreaksInsideTheNote() {
        NoteKind.Classified c = NoteKind.classify("went poorly: first line\nsecond line");
        assertThat(c.kind()).isEqualTo(NoteKind.WENT_POORLY);
        assertThat(c.text()).isEqualTo("first line\nsecond line");
    }

    @Test
    void markerWithNothingAfterItLeavesAnEmptyNote() {
        assertThat(NoteKind.classify("action:").text()).isEmpty();
        assertThat(NoteKind.classify(null).kind()).isEqualTo(NoteKind.DISCUSSION);
    }

    @Test
    void markersListEveryKindForHelpTexts() {
        assertThat(NoteKind.markers()).contains("`went well:`", "`went poorly:`", "`action:`", "`lesson:`", "`discussion:`");
    }
}
