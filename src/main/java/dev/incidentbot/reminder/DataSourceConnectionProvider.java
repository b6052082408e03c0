package dev.incidentbot.reminder;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Gives Quartz connections from the bot's own pool, so its job store lives in the bot's database. */
final class DataSourceConnectionProvider implements ConnectionProvider {
    private final DataSource dataSource;

    DataSourceConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // The pool belongs to Database, which closes it after the scheduler has stopped.
    }

    @Override
    public void initialize() {
        // Nothing to set up: the pool is already open and migrated.
    }
}
