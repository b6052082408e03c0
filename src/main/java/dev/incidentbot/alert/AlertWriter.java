package dev.incidentbot.alert;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert store's single writer: deliveries are applied one at a time on one long-lived Jdbi handle, so
 * concurrent deliveries of a group cannot declare twice and Jdbi's per-handle set-up is paid once, not per alert.
 */
final class AlertWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertWriter.class);
    private static final long IDLE_HANDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Jdbi jdbi;
    private final ReentrantLock lock = new ReentrantLock(true);
    private Handle handle; // guarded by lock
    private AlertRepository repo; // attached to handle
    private long handleUsed; // System.nanoTime of the last use

    AlertWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs {@code work} holding the writer, so everything it does is applied alone. */
    <T> T exclusively(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs work in a transaction on the writer's handle; a failed handle is dropped and reopened next time. */
    <T> T inTransaction(Function<AlertRepository, T> work) {
        // A connection idle for long may have been closed by the server (PostgreSQL, a proxy): start afresh.
        if (handle != null && System.nanoTime() - handleUsed > IDLE_HANDLE_NANOS) {
            closeHandle();
        }
        handleUsed = System.nanoTime();
        if (handle == null) {
            handle = jdbi.open();
            repo = handle.attach(AlertRepository.class);
        }
        try {
            return handle.inTransaction(h -> work.apply(repo));
        } catch (RuntimeException e) {
            closeHandle();
            throw e;
        }
    }

    private void closeHandle() {
        try {
            if (handle != null) {
                handle.close();
            }
        } catch (RuntimeException e) {
            log.debug("closing the alert store handle failed", e);
        } finally {
            handle = null;
            repo = null;
        }
    }

    @Override
    public void close() {
        exclusively(() -> {
            closeHandle();
            return null;
        });
    }
}
