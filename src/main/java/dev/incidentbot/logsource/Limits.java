package dev.incidentbot.logsource;

import java.time.Duration;

/**
 * Bounds on one read of one source, so a huge window or a slow store cannot take the bot down.
 *
 * @param maxRecords records read at the most (default 2M)
 * @param maxBytes   bytes read at the most (default 512 MB)
 * @param connectTimeout how long to wait for a store to accept the connection
 * @param readTimeout    how long to wait for one answer (one page)
 */
public record Limits(long maxRecords, long maxBytes, Duration connectTimeout, Duration readTimeout) {
    public static Limits defaults() {
        return new Limits(2_000_000, 512L * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }
}
