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
        try (Database db = Database.open(url, null, null)) {
            int kept = db.jdbi().withHandle(h -> h.createQuery("SELECT last_number FROM incident_counter WHERE counter_year = 2026")
                    .mapTo(Integer.class).one());
            assertThat(kept).isEqualTo(7);
        }
    }

    @Test
    void reportsUnhealthyOnceClosed() {
        Database db = Database.open("jdbc:h2:file:" + dir.resolve("closed").toAbsolutePath(), null, null);
        db.close();
        assertThat(db.isHealthy()).isFalse();
    }
}
