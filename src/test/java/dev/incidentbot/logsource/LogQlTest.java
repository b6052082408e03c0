package dev.incidentbot.logsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogQlTest {
    @Test
    void escapesEveryCharacterThatCouldEndTheString() {
        assertThat(LogQl.escape("a\"b\\c\nd\re\tf\u0001g`h}i{")).isEqualTo("a\\\"b\\\\c\\nd\\re\\tf\\u0001g`h}i{");
    }

    @Test
    void fillsPlaceholdersInsideDoubleQuotedStringsOnly() throws Exception {
        assertThat(LogQl.render("{app=\"${app}\"} |= \"id=${id}\" | json", Map.of("app", "pay\"} or {x=\"", "id", "7")))
                .isEqualTo("{app=\"pay\\\"} or {x=\\\"\"} |= \"id=7\" | json");
        assertThat(LogQl.labels("{a=\"${x}\", b=\"${y}\"} |= \"${x}\"")).containsExactly("x", "y");
    }

    @Test
    void refusesPlaceholdersAnywhereAValueCouldChangeTheQuery() {
        assertThat(LogQl.problems("{app=${app}}")).singleElement().asString().contains("must stand inside a double-quoted string");
        assertThat(LogQl.problems("{app=\"x\"} |= `${app}`")).singleElement().asString().contains("backtick");
        assertThat(LogQl.problems("{${name}=\"x\"}")).isNotEmpty();
        assertThat(LogQl.problems("{app=\"x}")).singleElement().asString().contains("not closed");
        assertThat(LogQl.problems("{app=\"${}\"}")).isNotEmpty();
        // an escaped quote does not end the string, so the placeholder is still inside it
        assertThat(LogQl.problems("{app=\"a\\\"${app}\"}")).isEmpty();
        assertThatThrownBy(() -> LogQl.render("{app=${app}}", Map.of("app", "x")))
                .isInstanceOf(LogSourceException.class).hasMessageStartingWith("the Loki query cannot be used: ");
    }
}
