package dev.incidentbot.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for the tests, started once per test JVM from Debian's server binaries
 * ({@code initdb} + {@code pg_ctl}, as the {@code postgres} user when the JVM runs as root, since initdb refuses root),
 * on a free loopback port with fsync off, and stopped at JVM exit. Every test store is a database of its own,
 * copied from a template that this build's migrations were applied to once, so a store costs one CREATE DATABASE.
 *
 * <p>When the binaries are missing, a test that asks for PostgreSQL fails if {@code CI} is set (CI must run them)
 * and is skipped with the reason otherwise.
 */
public final class Postgres {
    /** All clusters live under here, one folder per test JVM named by its pid, so a crashed run's can be found. */
    private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "incident-bot-test-pg");
    private static final String TEMPLATE = "incident_bot_template";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile Postgres shared;
    private static volatile String unavailable;

    private final Path bin;
    private final Path home;
    private final int port;
    private final boolean asPostgresUser;

    private Postgres(Path bin, Path home, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.home = home;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The cluster of this JVM, started on first use; fails (CI) or skips (elsewhere) when PostgreSQL is missing. */
    public static synchronized Postgres shared() {
        if (shared == null && unavailable == null) {
            try {
                shared = start();
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
            }
        }
        if (shared == null) {
            String why = "PostgreSQL tests need Debian's postgresql package (initdb, pg_ctl): " + unavailable;
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(why + " (CI is set, so these tests must run, not be skipped)");
            }
            Assumptions.abort(why + " (skipped because CI is not set)");
        }
        return shared;
    }

    /** The folder holding initdb and pg_ctl: pg_config's answer, else the newest /usr/lib/postgresql/N/bin. */
    static Path binaries() throws IOException {
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() == 0 && Files.isExecutable(Path.of(out, "initdb"))) {
                return Path.of(out);
            }
        } catch (IOException | InterruptedException e) {
            // no pg_config on the PATH (Debian keeps it with the server binaries): look in Debian's folders
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                var found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingDouble(b -> versionOf(b.getParent().getFileName().toString())));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IOException("no initdb found (pg_config --bindir, /usr/lib/postgresql/*/bin)");
    }

    private static double versionOf(String name) {
        try {
            return Double.parseDouble(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Postgres start() throws IOException {
        Path bin = binaries();
        Files.createDirectories(ROOT);
        ROOT.toFile().setWritable(true, false);
        ROOT.toFile().setExecutable(true, false);
        stopStale(bin);
        boolean root = "root".equals(System.getProperty("user.name"));
        Path home = ROOT.resolve(Long.toString(ProcessHandle.current().pid()));
        deleteTree(home);
        Files.createDirectories(home);
        int port = freePort();
        Postgres pg = new Postgres(bin, home, port, root);
        if (root) {
            pg.run("chown", "postgres:postgres", home.toString()); // initdb refuses root; the cluster belongs to postgres
        }
        Path data = home.resolve("data");
        pg.runPg("initdb", "-D", data.toString(), "-U", "postgres", "-E", "UTF8", "--no-sync", "--auth=trust");
        pg.runPg("pg_ctl", "-D", data.toString(), "-l", home.resolve("log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                        + " -c full_page_writes=off -c max_connections=300", "start");
        Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "postgres-stop"));
        pg.createTemplate();
        return pg;
    }

    /** Stops and removes the clusters of earlier test JVMs that died without stopping theirs (kill -9, a crash). */
    private static void stopStale(Path bin) throws IOException {
        try (Stream<Path> runs = Files.list(ROOT)) {
            for (Path run : runs.toList()) {
                long pid;
                try {
                    pid = Long.parseLong(run.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // another test JVM running now
                }
                Path data = run.resolve("data");
                if (Files.exists(data.resolve("postmaster.pid"))) {
                    new Postgres(bin, run, 0, "root".equals(System.getProperty("user.name"))).stop();
                }
                deleteTree(run);
            }
        }
    }

    private void createTemplate() {
        admin("CREATE DATABASE " + TEMPLATE);
        // this build's migrations, applied once; every store is then a copy (Database.open finds them applied)
        dev.incidentbot.store.Database.open(jdbcUrl(TEMPLATE), "postgres", null).close();
    }

    /** A fresh database, already migrated to this build's schema. */
    public String newDatabase() {
        String name = "bot_" + DATABASES.incrementAndGet();
        admin("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return name;
    }

    /** A fresh empty database: Flyway has not run on it (for migration tests). */
    public String newEmptyDatabase() {
        String name = "empty_" + DATABASES.incrementAndGet();
        admin("CREATE DATABASE " + name);
        return name;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String user() {
        return "postgres";
    }

    /** Runs one statement as the superuser on the maintenance database. */
    public void admin(String sql) {
        try (var c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", null); var st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    void stop() {
        Path data = home.resolve("data");
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                runPg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
            } catch (IOException | RuntimeException e) {
                System.err.println("could not stop the test PostgreSQL in " + home + ": " + e.getMessage());
            }
        }
        deleteTree(home);
    }

    private void runPg(String tool, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        run(cmd.toArray(String[]::new));
    }

    private void run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd[0] + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                List<String> lines = out.lines().toList();
                throw new IOException(String.join(" ", cmd).replaceAll(" -o .*", "") + ": exit " + p.exitValue() + ": "
                        + (lines.isEmpty() ? "" : lines.get(lines.size() - 1)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover folder is found and removed by the next run's stopStale
        }
    }
}
