package dev.incidentbot.logsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSourcesRemoteTest {
    @TempDir
    Path dir;

    @Test
    void loadsLokiAndElasticsearchEntries() throws Exception {
        Path f = dir.resolve("sources.yaml");
        Files.writeString(f, """
                sources:
                  - name: payments
                    type: loki
                    url: http://loki:3100
                    query: '{app="payments", env="${env}"}'
                    tenant: team-a
                    token: ${LOKI_TOKEN}
                    pageSize: 1000
                  - name: gateway
                    type: opensearch
                    url: https://es:9200
                    index: gateway-*
                    timeField: ts
                    apiKey: ${ES_KEY}
                    query: {term: {"service.keyword": "${service}"}}
                """);
        LogSources s = LogSources.load(f, Map.of("LOKI_TOKEN", "t", "ES_KEY", "sekr3tkey"), HttpClient.newHttpClient());
        assertThat(s.all()).hasSize(2);
        assertThat(s.all().get(0)).isInstanceOf(LokiLogSource.class);
        assertThat(s.all().get(0).spec().token()).isEqualTo("t");
        assertThat(s.all().get(0).spec().pageSize()).isEqualTo(1000);
        assertThat(s.all().get(1)).isInstanceOf(ElasticsearchLogSource.class);
        assertThat(s.all().get(1).spec().timeField()).isEqualTo("ts");
        assertThat(s.all().get(1).spec().query().at("/term/service.keyword").asText()).isEqualTo("${service}");
        assertThat(s.all().get(1).spec().toString()).doesNotContain("sekr3tkey");
    }

    @Test
    void refusesQueriesWhosePlaceholdersCouldEscapeAtLoad() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                sources:
                  - name: payments
                    type: loki
                    url: http://loki:3100
                    query: '{app=${app}}'
                  - name: gateway
                    type: elasticsearch
                    url: http://es:9200
                    index: gateway-*
                    query: {query_string: {query: "service:${service}"}}
                """);
        assertThatThrownBy(() -> LogSources.load(f, Map.of(), HttpClient.newHttpClient()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source 1 (payments): ${app} must stand inside a double-quoted string")
                .hasMessageContaining("source 2 (gateway): placeholders may not stand inside query_string");
    }
}
