package dev.incidentbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.incidentbot.support.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void migratesAFreshH2FileAndReopensItWithoutChanges() {
        String url = "jdbc:h2:file:" + dir.resolve("nested/folder/bot").toAbsolutePath();
        try (Database db = Database.open(url, null, null)) {
            assertThat(db.isHealthy()).isTrue();
            List<String> tables = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = 'PUBLIC'").mapTo(String.class).list());
            assertThat(tables).contains("incidents", "timeline_entries", "outbox", "incident_counter", "flyway_schema_history");
            db.jdbi().useHandle(h -> h.execute("INSERT INTO incident_counter (counter_year, last_number) VALUES (2026, 7)"));
        }
        assertThat(Files.exists(dir.resolve("nested/folder/bot.mv.db"))).isTrue();
        assertThat(dir.resolve("nested/folder/bot.trace.db")).as("no failed statement traced on a fresh store").doesNotExist();
        try (Database db = Database.open(url, null, null)) {
            int kept = db.jdbi().withHandle(h -> h.createQuery("SELECT last_number FROM incident_counter WHERE counter_year = 2026")
                    .mapTo(Integer.class).one());
            assertThat(kept).isEqualTo(7);
        }
    }

    @Test
    void theFastPathKnowsTheNewestMigrationOfThisBuild() throws Exception {
        int newest;
        try (var files = Files.walk(Path.of("src/main/resources/db"))) {
            newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        assertThat(Database.LATEST_MIGRATION).as("bump Database.LATEST_MIGRATION with a new migration").isEqualTo(newest);
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("fresh").toAbsolutePath(), null, null)) {
            assertThat(Database.appliedVersion(db.dataSource())).isEqualTo(newest);
        }
    }

    @Test
    void aStoreAlreadyUpToDateOpensWithoutFlyway() {
        String url = "jdbc:h2:file:" + dir.resolve("migrated").toAbsolutePath();
        try (Database db = Database.open(url, null, null)) {
            // a checksum Flyway's validation would refuse: opening again only works if Flyway is not consulted
            db.jdbi().useHandle(h -> h.execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = 1"));
        }
        try (Database db = Database.open(url, null, null)) {
            assertThat(db.isHealthy()).isTrue();
        }
    }

    @Test
    void reportsUnhealthyOnceClosed() {
        Database db = Database.open("jdbc:h2:file:" + dir.resolve("closed").toAbsolutePath(), null, null);
        db.close();
        assertThat(db.isHealthy()).isFalse();
    }

    @Test
    void h2UrlsLeaveClosingToTheBotNotToH2sShutdownHook() {
        assertThat(Database.ownedByUs("jdbc:h2:file:/data/bot")).isEqualTo("jdbc:h2:retry:/data/bot;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.ownedByUs("jdbc:h2:file:/data/bot;db_close_on_exit=true")).as("an explicit choice is kept")
                .isEqualTo("jdbc:h2:retry:/data/bot;db_close_on_exit=true");
        assertThat(Database.ownedByUs("jdbc:postgresql://db/incidents")).isEqualTo("jdbc:postgresql://db/incidents");
    }

    @Test
    void h2FileUrlsReopenTheirFileWhenAThreadIsInterruptedOthersAreLeftAlone() {
        assertThat(Database.retryOnInterrupt("jdbc:h2:file:./data/incident-bot")).isEqualTo("jdbc:h2:retry:./data/incident-bot");
        assertThat(Database.retryOnInterrupt("jdbc:h2:./data/bot")).isEqualTo("jdbc:h2:retry:./data/bot");
        assertThat(Database.retryOnInterrupt("jdbc:h2:/srv/bot;MODE=PostgreSQL")).isEqualTo("jdbc:h2:retry:/srv/bot;MODE=PostgreSQL");
        assertThat(Database.retryOnInterrupt("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
        assertThat(Database.retryOnInterrupt("jdbc:h2:tcp://db/bot")).isEqualTo("jdbc:h2:tcp://db/bot");
        assertThat(Database.retryOnInterrupt("jdbc:h2:nio:/srv/bot")).isEqualTo("jdbc:h2:nio:/srv/bot");
    }

    @Test
    void aWriterInterruptedMidWriteLeavesTheStoreOpenForEveryone() throws Exception {
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("interrupted").toAbsolutePath(), null, null)) {
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE scratch (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(1000))"));
            int rows = 20_000;
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    db.jdbi().useHandle(h -> {
                        for (int i = 0; i < rows; i++) {
                            h.execute("INSERT INTO scratch (v) VALUES (REPEAT('x', 900))");
                            Thread.interrupted(); // like Quartz's threads, carry on after an interrupt
                        }
                    });
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            writer.start();
            while (writer.isAlive()) {
                writer.interrupt();
                Thread.sleep(5);
            }
            assertThat(failure.get()).as("the interrupted writer's own inserts").isNull();
            assertThat(db.isHealthy()).isTrue();
            int stored = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM scratch").mapTo(Integer.class).one());
            assertThat(stored).isEqualTo(rows);
        }
    }

    @Test
    void migratesAnEmptyPostgresDatabaseWithItsVendorFolderAndReopensItWithoutChanges() {
        Postgres pg = Postgres.shared();
        String url = pg.jdbcUrl(pg.newEmptyDatabase());
        try (Database db = Database.open(url, pg.user(), null)) {
            assertThat(db.isPostgres()).isTrue();
            assertThat(Database.appliedVersion(db.dataSource())).isEqualTo(Database.LATEST_MIGRATION);
            List<String> tables = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = 'public'").mapTo(String.class).list());
            // V1 and V2/V4/V6 (portable), V3 (Quartz) and V5 (analyses) from db/vendor/postgresql
            assertThat(tables).contains("incidents", "outbox", "alert_groups", "alerts", "qrtz_triggers", "qrtz_locks",
                    "retro_threads", "retro_notes", "retro_events", "analyses");
            String chartType = db.jdbi().withHandle(h -> h.createQuery("SELECT data_type FROM information_schema.columns"
                    + " WHERE table_name = 'analyses' AND column_name = 'chart_png'").mapTo(String.class).one());
            assertThat(chartType).isEqualTo("bytea");
            db.jdbi().useHandle(h -> h.execute("INSERT INTO incident_counter (counter_year, last_number) VALUES (2026, 7)"));
        }
        try (Database db = Database.open(url, pg.user(), null)) {
            int kept = db.jdbi().withHandle(h -> h.createQuery("SELECT last_number FROM incident_counter WHERE counter_year = 2026")
                    .mapTo(Integer.class).one());
            assertThat(kept).isEqualTo(7);
        }
    }
}
