package dev.incidentbot.logsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LogSources.load builds the sources of a valid LOG_SOURCES file and refuses a bad one with one line naming the file and every problem. */
class LogSourcesConfigTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path p = dir.resolve("log-sources.yaml");
        Files.writeString(p, text);
        return p;
    }

    private LogSources load(String text, Map<String, String> env) throws IOException {
        return LogSources.load(yaml(text), env, null);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(String text, Map<String, String> env) throws IOException {
        Path p = yaml(text);
        return assertThatThrownBy(() -> LogSources.load(p, env, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("LOG_SOURCES " + p)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void validFileSourceWithDefaults() throws IOException {
        LogSources s = load("""
                sources:
                  - name: checkout-api
                    type: file
                    path: /var/log/checkout/*.ndjson*
                    match: {service: checkout}
                  - name: all
                    type: FILE
                    path: /var/log/all.log
                    lookback: PT2H
                """, Map.of());

        assertThat(s.all()).hasSize(2);
        LogSource first = s.all().get(0);
        assertThat(first).isInstanceOf(FileLogSource.class);
        assertThat(first.name()).isEqualTo("checkout-api");
        assertThat(first.lookback()).isEqualTo(Duration.ofMinutes(30));
        assertThat(first.spec().path()).isEqualTo("/var/log/checkout/*.ndjson*");
        assertThat(s.all().get(1).lookback()).isEqualTo(Duration.ofHours(2));
        assertThat(s.matching(Map.of("service", "checkout"))).extracting(LogSource::name).containsExactly("checkout-api", "all");
        assertThat(s.matching(Map.of("service", "web"))).extracting(LogSource::name).containsExactly("all");
    }

    @Test
    void unknownType() throws IOException {
        refused("""
                sources:
                  - {name: a, type: splunk, path: /x}
                """, Map.of()).hasMessageContaining("source 1 (a): unknown type 'splunk' (file, loki or elasticsearch)");
    }

    @Test
    void missingNameOrPath() throws IOException {
        refused("""
                sources:
                  - {type: file, path: /x}
                """, Map.of()).hasMessageContaining("source 1 has no name");
        refused("""
                sources:
                  - {name: a, type: file}
                """, Map.of()).hasMessageContaining("source 1 (a): a file source needs 'path'");
    }

    @Test
    void duplicateNames() throws IOException {
        refused("""
                sources:
                  - {name: a, type: file, path: /x}
                  - {name: a, type: file, path: /y}
                """, Map.of()).hasMessageContaining("source 2 (a): the name is used twice");
    }

    @Test
    void badLookback() throws IOException {
        refused("""
                sources:
                  - {name: a, type: file, path: /x, lookback: 30m}
                """, Map.of()).hasMessageContaining("source 1 (a): lookback '30m' is not an ISO-8601 duration such as PT30M");
        refused("""
                sources:
                  - {name: a, type: file, path: /x, lookback: -PT5M}
                """, Map.of()).hasMessageContaining("lookback must not be negative");
    }

    @Test
    void unknownField() throws IOException {
        refused("""
                sources:
                  - {name: a, type: file, path: /x, lookbak: PT5M}
                """, Map.of()).hasMessageContaining("source 1 (a): unknown field 'lookbak'");
    }

    @Test
    void environmentFillsPathAndHeaders() throws IOException {
        LogSources s = load("""
                sources:
                  - name: a
                    type: file
                    path: ${LOG_DIR}/api-${ENV_NAME}.log
                    headers: {Authorization: "Bearer ${TOKEN}"}
                """, Map.of("LOG_DIR", "/srv/logs", "ENV_NAME", "prod", "TOKEN", "t$k\\1"));

        SourceSpec spec = s.all().get(0).spec();
        assertThat(spec.path()).isEqualTo("/srv/logs/api-prod.log");
        assertThat(spec.headers()).containsEntry("Authorization", "Bearer t$k\\1");
        assertThat(spec.toString()).doesNotContain("t$k");
    }

    @Test
    void missingEnvironmentVariableIsNamedWithoutLeakingOtherValues() throws IOException {
        refused("""
                sources:
                  - name: a
                    type: file
                    path: ${LOG_DIR}/api.log
                    headers: {Authorization: "Bearer ${LOKI_TOKEN}", X-Tenant: "${TENANT}"}
                """, Map.of("LOG_DIR", "/srv/secret-dir-value", "TENANT", "s3cr3t-tenant"))
                .hasMessageContaining("source 1 (a): headers.Authorization names ${LOKI_TOKEN}, which is not set in the environment")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-tenant", "secret-dir-value", "Bearer"));
    }

    @Test
    void unreadableYaml() throws IOException {
        refused("sources:\n  - {name: a, type: file\n  path: [\n", Map.of()).hasMessageContaining("cannot be read");
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> LogSources.load(missing, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("LOG_SOURCES " + missing + " cannot be read");
        refused("just a string\n", Map.of()).hasMessageContaining("expected a list under 'sources:'");
    }

    @Test
    void severalProblemsAreReportedTogether() throws IOException {
        refused("""
                sources:
                  - {name: a, type: file}
                  - {name: b, type: nosql, path: /x}
                  - {name: a, type: file, path: /y, lookback: soon, colour: red}
                  - {type: file, path: /z}
                """, Map.of())
                .hasMessageContaining("source 1 (a): a file source needs 'path'")
                .hasMessageContaining("source 2 (b): unknown type 'nosql'")
                .hasMessageContaining("source 3 (a): the name is used twice")
                .hasMessageContaining("source 3 (a): unknown field 'colour'")
                .hasMessageContaining("source 3 (a): lookback 'soon' is not an ISO-8601 duration")
                .hasMessageContaining("source 4 has no name");
    }
}
