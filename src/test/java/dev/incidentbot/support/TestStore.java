package dev.incidentbot.support;

import dev.incidentbot.store.Database;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store a test runs on: an H2 file under the test's folder, or a database of its own in the test JVM's
 * {@link Postgres} cluster. The same folder always names the same store, so a test that restarts the bot finds its data.
 */
public enum TestStore {
    H2, POSTGRESQL;

    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

    /** DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD for the store kept under {@code dir}. */
    public Map<String, String> env(Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", url(dir));
        if (this == POSTGRESQL) {
            env.put("DATABASE_USER", Postgres.shared().user());
        }
        return env;
    }

    public String url(Path dir) {
        if (this == H2) {
            return "jdbc:h2:file:" + dir.resolve("db/incident-bot").toAbsolutePath();
        }
        Postgres pg = Postgres.shared();
        return pg.jdbcUrl(DATABASES.computeIfAbsent(dir.toAbsolutePath(), d -> pg.newDatabase()));
    }

    public String user() {
        return this == H2 ? null : Postgres.shared().user();
    }

    /** Opens (and on first use creates) the store kept under {@code dir}. */
    public Database open(Path dir) {
        return Database.open(url(dir), user(), null);
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
