package dev.incidentbot.cli;

import dev.incidentbot.Config;
import dev.incidentbot.UserError;
import dev.incidentbot.incident.IncidentId;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.investigation.AnalysisRecord;
import dev.incidentbot.investigation.AnalysisRepository;
import dev.incidentbot.retro.Postmortem;
import dev.incidentbot.retro.PostmortemMarkdown;
import dev.incidentbot.retro.RetroNotifier;
import dev.incidentbot.retro.RetroService;
import dev.incidentbot.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code export INC-…}: prints the postmortem of an incident as Markdown, straight from the store
 * ({@code DATABASE_URL}), without any Slack settings; with {@code -o}, the newest analysis chart is written beside it
 * and shown in it. Exit 2 with one line when there is no such incident.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Print the postmortem of an incident as Markdown, from the store named by DATABASE_URL.",
                "With the default H2 file store, stop the bot first (H2 allows one process) or add ;AUTO_SERVER=TRUE to DATABASE_URL."})
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "the incident, e.g. INC-2026-001")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the Markdown to FILE instead of standard output, and the analysis chart beside it (FILE-chart.png)")
    Path output;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public ExportCommand() {
        this(System.getenv());
    }

    /** With the environment to read DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD from (tests pass their own). */
    public ExportCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        IncidentId incidentId = IncidentId.tryParse(id);
        if (incidentId == null) {
            return fail("`" + id + "` is not an incident id; they look like INC-2026-001");
        }
        String url = env.getOrDefault("DATABASE_URL", Config.DEFAULT_DATABASE_URL);
        Path h2File = h2File(url);
        if (h2File != null && !Files.exists(h2File)) {
            return fail("there is no store at " + h2File + "; set DATABASE_URL to the bot's store");
        }
        String markdown;
        byte[] chart = null;
        String chartName = output == null ? null : chartName(output);
        Runnable restoreLogs = quietLogs(); // the Markdown may go to standard output, where the log appender writes too
        try (Database db = Database.open(url, env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"))) {
            IncidentService incidents = new IncidentService(db.jdbi(), Clock.systemUTC());
            RetroService retro = new RetroService(db.jdbi(), incidents, RetroNotifier.NONE, Clock.systemUTC());
            Postmortem postmortem = retro.postmortem(incidentId.toString());
            if (chartName != null) {
                chart = db.jdbi().withExtension(AnalysisRepository.class, r -> r.latestChart(incidentId.toString()))
                        .map(AnalysisRecord::chartPng).orElse(null);
            }
            markdown = PostmortemMarkdown.render(postmortem, chart == null ? null : chartName);
        } catch (UserError e) {
            return fail("there is no incident " + incidentId);
        } catch (RuntimeException e) {
            return fail("cannot read the store " + url + ": " + rootMessage(e), 1);
        } finally {
            restoreLogs.run();
        }
        if (output == null) {
            spec.commandLine().getOut().print(markdown);
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            Files.writeString(output, markdown, StandardCharsets.UTF_8);
            if (chart != null) {
                Files.write(output.resolveSibling(chartName), chart);
            }
        } catch (IOException e) {
            return fail("cannot write " + output + ": " + e.getMessage());
        }
        return 0;
    }

    private Integer fail(String message) {
        return fail(message, 2);
    }

    private Integer fail(String message, int code) {
        spec.commandLine().getErr().println("export: " + message);
        spec.commandLine().getErr().flush();
        return code;
    }

    /** The chart's file name beside the Markdown: {@code INC-2026-001.md} → {@code INC-2026-001-chart.png}. */
    static String chartName(Path markdown) {
        String name = markdown.getFileName().toString();
        return (name.toLowerCase(java.util.Locale.ROOT).endsWith(".md") ? name.substring(0, name.length() - 3) : name) + "-chart.png";
    }

    /** The file an H2 file URL stores its data in, or null for other databases. */
    static Path h2File(String url) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return null;
        }
        return Path.of(url.substring(prefix.length()).split(";", 2)[0] + ".mv.db").toAbsolutePath().normalize();
    }

    /** Silences logging while the store is read; returns what puts the level back. */
    private static Runnable quietLogs() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            ch.qos.logback.classic.Level before = root.getLevel();
            root.setLevel(ch.qos.logback.classic.Level.OFF);
            return () -> root.setLevel(before);
        }
        return () -> { };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
