package dev.incidentbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
