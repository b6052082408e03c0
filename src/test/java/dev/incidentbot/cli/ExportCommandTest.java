package dev.incidentbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.retro.RetroNotifier;
import dev.incidentbot.retro.RetroService;
import dev.incidentbot.store.Database;
import dev.incidentbot.support.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExportCommandTest {
    @TempDir
    Path dir;

    private String url;
    private String incidentId;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void store() {
        url = "jdbc:h2:file:" + dir.resolve("db/incident-bot").toAbsolutePath();
        MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
        try (Database db = Database.open(url, null, null)) {
            IncidentService incidents = new IncidentService(db.jdbi(), clock);
            RetroService retro = new RetroService(db.jdbi(), incidents, RetroNotifier.NONE, clock);
            Incident i = incidents.declare(new IncidentService.Declaration("Model v1.3 latency regression", Severity.SEV2, "",
                    "U0ALICE", "C0INCIDENT", "slack"));
            clock.advance(Duration.ofMinutes(30));
            incidents.resolve(i.id(), "U0ALICE", "Rolled back to v1.2");
            retro.addFromCommand(i.id(), "U0ALICE", "C0INCIDENT", "lesson: ship model versions behind a canary");
            incidentId = i.id();
        }
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new ExportCommand(env));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsThePostmortemFromTheStoreWithoutSlackSettings() {
        assertThat(run(Map.of("DATABASE_URL", url), incidentId)).isEqualTo(0);

        assertThat(out.toString()).startsWith("# Incident Review: Model v1.3 latency regression")
                .contains("ship model versions behind a canary", "**Duration**: 30 minutes");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theNewestAnalysisChartIsWrittenBesideTheMarkdownAndShownInIt() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        try (Database db = Database.open(url, null, null)) {
            db.jdbi().useExtension(dev.incidentbot.investigation.AnalysisRepository.class, r -> {
                r.insert(incidentId, java.time.Instant.parse("2026-03-02T10:05:00Z"), "checkout-api", "regression",
                        "modelVersion=v1.3 is behind the slowdown", "log-analysis", "{}", new byte[] {9});
                r.insert(incidentId, java.time.Instant.parse("2026-03-02T10:06:00Z"), "checkout-api", "regression",
                        "modelVersion=v1.3 is behind the slowdown", "log-analysis", "{}", png);
                r.insert(incidentId, java.time.Instant.parse("2026-03-02T10:07:00Z"), "checkout-api", "no_anomaly",
                        "nothing stands out", "log-analysis", "{}", new byte[] {7});
            });
        }
        Path file = dir.resolve("INC-review.md");
        assertThat(run(Map.of("DATABASE_URL", url), incidentId, "-o", file.toString())).isEqualTo(0);

        assertThat(Files.readAllBytes(dir.resolve("INC-review-chart.png"))).isEqualTo(png);
        assertThat(Files.readString(file)).contains("](INC-review-chart.png)");
    }

    @Test
    void withoutAnAnalysisNoChartIsWrittenOrNamed() throws Exception {
        Path file = dir.resolve("pm.md");
        assertThat(run(Map.of("DATABASE_URL", url), incidentId, "-o", file.toString())).isEqualTo(0);
        assertThat(dir.resolve("pm-chart.png")).doesNotExist();
        assertThat(Files.readString(file)).doesNotContain("chart.png");
    }

    @Test
    void writesToAFileWithOutput() throws Exception {
        Path file = dir.resolve("pm.md");
        assertThat(run(Map.of("DATABASE_URL", url), incidentId, "--output", file.toString())).isEqualTo(0);

        assertThat(Files.readString(file)).contains("## Lessons Learned", "ship model versions behind a canary");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnknownIncidentExitsTwoWithOneLine() {
        assertThat(run(Map.of("DATABASE_URL", url), "INC-2026-999")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("export: there is no incident INC-2026-999" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadIdOrAMissingStoreExitsTwoAndCreatesNothing() {
        assertThat(run(Map.of("DATABASE_URL", url), "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("`yesterday` is not an incident id");

        Path missing = dir.resolve("nowhere/incident-bot");
        assertThat(run(Map.of("DATABASE_URL", "jdbc:h2:file:" + missing), incidentId)).isEqualTo(2);
        assertThat(err.toString()).contains("there is no store at");
        assertThat(missing.getParent()).doesNotExist();
    }
}
