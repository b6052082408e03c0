package dev.incidentbot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store: a pooled DataSource (HikariCP), migrated by Flyway, wrapped by Jdbi. H2 file by default, PostgreSQL alike. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** The newest migration version under db/ in this build (DatabaseTest holds the two together). */
    static final int LATEST_MIGRATION = 11;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }

    /** Opens the pool and applies every pending migration; fails fast when the store cannot be reached. */
    public static Database open(String jdbcUrl, String user, String password) {
        prepareH2Folder(jdbcUrl);
        jdbcUrl = ownedByUs(jdbcUrl);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        if (user != null) {
            hc.setUsername(user);
        }
        if (password != null) {
            hc.setPassword(password);
        }
        hc.setPoolName("incident-bot");
        hc.setMaximumPoolSize(10);
        hc.setConnectionTimeout(10_000);
        hc.setInitializationFailTimeout(10_000);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            if (appliedVersion(ds) == LATEST_MIGRATION) {
                // A replica starting on a store that is already migrated: Flyway's set-up, classpath scan and
                // validation were ~0.4 s of a 2 s start for nothing to do. Anything else goes through Flyway.
                log.info("store ready (schema version {}, up to date)", LATEST_MIGRATION);
            } else {
                var result = Flyway.configure().dataSource(ds).locations(locations(jdbcUrl)).load().migrate();
                log.info("store ready ({} migrations applied, schema version {})", result.migrationsExecuted, result.targetSchemaVersion);
            }
            if (jdbcUrl.startsWith("jdbc:h2:")) {
                flushEveryCommit(ds);
            }
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds);
    }

    /** The highest version Flyway recorded as applied, or -1 when there is no history yet (or it cannot be read). */
    static int appliedVersion(DataSource ds) {
        try (var c = ds.getConnection()) {
            // look before asking: a failed query on a fresh H2 store leaves a .trace.db file beside it
            try (var tables = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
                if (!tables.next()) {
                    return -1;
                }
            }
            try (var st = c.createStatement();
                 var rs = st.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE")) {
                return maxVersion(rs);
            }
        } catch (java.sql.SQLException | NumberFormatException e) {
            return -1; // a fresh store: Flyway creates its history table
        }
    }

    private static int maxVersion(java.sql.ResultSet rs) throws java.sql.SQLException {
        int max = -1;
        while (rs.next()) {
            String v = rs.getString(1);
            if (v != null) { // a baseline or repeatable row has none
                max = Math.max(max, Integer.parseInt(v));
            }
        }
        return max;
    }

    /**
     * H2 writes commits to its file up to 500 ms late by default, so a kill -9 loses the last ones: an escalation
     * recorded as fired, a message marked sent, which a restart then repeats. Flush at each commit instead
     * (a persistent setting; the bot's write rate is low).
     */
    private static void flushEveryCommit(HikariDataSource ds) {
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("SET WRITE_DELAY 0");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot set H2's WRITE_DELAY: " + e.getMessage(), e);
        }
    }

    /**
     * Portable migrations live in db/migration; the few that cannot be portable (Quartz's tables: BLOB on H2,
     * BYTEA on PostgreSQL) have one copy per database under db/vendor/{h2,postgresql}, sharing the version sequence.
     * Flyway core has no {vendor} placeholder (that is Spring Boot's), so the folder is picked here.
     */
    static String[] locations(String jdbcUrl) {
        String vendor = jdbcUrl.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
        return new String[] {"classpath:db/migration", "classpath:db/vendor/" + vendor};
    }

    /**
     * H2 closes its databases in a JVM shutdown hook of its own, which on SIGTERM runs beside ours and pulls the store
     * from under Quartz and the outbox while they finish (stack traces at every stop). DB_CLOSE_ON_EXIT=FALSE leaves
     * closing to us: the pool closes last and H2 closes the file with its last connection.
     */
    static String ownedByUs(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            return jdbcUrl;
        }
        String url = retryOnInterrupt(jdbcUrl);
        return url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT") ? url : url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * An interrupt during H2's file I/O closes the file channel and with it the whole store, for every thread (seen
     * when Quartz's shutdown interrupted its misfire thread mid-write: the store died and the stop hung). H2's own
     * {@code retry:} file system reopens the channel and repeats the operation instead: a writer interrupted 50 times
     * kept all 200,000 rows with it and failed at row 6,035 without it. File URLs only; mem:, tcp: and explicit
     * file-system prefixes are left as written.
     */
    static String retryOnInterrupt(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:h2:".length());
        if (rest.startsWith("file:")) {
            return "jdbc:h2:retry:" + rest.substring("file:".length());
        }
        boolean plainPath = rest.startsWith("./") || rest.startsWith("/") || rest.startsWith("~") || rest.matches("^[A-Za-z]:[\\\\/].*");
        return plainPath ? "jdbc:h2:retry:" + rest : jdbcUrl;
    }

    /** H2 creates the database file but not the folder it sits in. */
    private static void prepareH2Folder(String jdbcUrl) {
        String prefix = "jdbc:h2:file:";
        if (!jdbcUrl.startsWith(prefix)) {
            return;
        }
        String path = jdbcUrl.substring(prefix.length()).split(";", 2)[0];
        Path parent = Paths.get(path).toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the store folder " + parent + ": " + e.getMessage(), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** True when the store answers a trivial query within a second; /health reports it. */
    public boolean isHealthy() {
        try (var c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    public boolean isPostgres() {
        return dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
