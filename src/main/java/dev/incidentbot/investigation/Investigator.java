package dev.incidentbot.investigation;

import dev.incidentbot.UserError;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.logsource.Limits;
import dev.incidentbot.logsource.LogSource;
import dev.incidentbot.logsource.LogSources;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts analyses of incidents from the team's own logs: when an alert opens an incident, when someone asks
 * ({@code /incident analyze ID}) and from the <em>Re-run analysis</em> button.
 *
 * <p>An alert storm must not become an analysis storm: analyses run on their own small bounded pool, at most one per
 * incident at a time, and requests that arrive while one runs are coalesced into a single re-run afterwards (which
 * reads up to its own "now"). Nothing here ever runs on a webhook's or a command's request thread.
 */
public final class Investigator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Investigator.class);
    /** Two analyses at once: each parses on two threads already, and this machine class has two cores. */
    static final int THREADS = 2;
    static final int QUEUE = 64;

    /** What became of a request for an analysis. */
    public enum Started {
        /** An analysis starts now or as soon as a worker is free. */
        STARTED,
        /** One is running for this incident; it runs once more when it ends. */
        COALESCED,
        /** No source in LOG_SOURCES fits this incident. */
        NO_SOURCE,
        /** Too many analyses are waiting. */
        BUSY
    }

    private final LogSources sources;
    private final IncidentService incidents;
    private final Function<String, AlertContext> alertContext;
    private final InvestigationRun run;
    private final ThreadPoolExecutor pool;
    /** Incidents being analysed, each with "asked again meanwhile". */
    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();

    public Investigator(LogSources sources, IncidentService incidents, Function<String, AlertContext> alertContext,
                        Publisher publisher, Limits limits, Clock clock) {
        this.sources = sources;
        this.incidents = incidents;
        this.alertContext = alertContext;
        this.run = new InvestigationRun(incidents, publisher, limits, clock);
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "log-analysis");
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether any source fits alerts with these labels: an alert-opened incident is analysed only then. */
    public boolean hasSourceFor(AlertContext context) {
        return !sources.matching(context.labels()).isEmpty();
    }

    /**
     * An alert opened this incident: analyses it here, on the caller's thread (the outbox's analysis lane, which
     * keeps the request until this returns), from every source its labels pick. When an analysis of the incident is
     * running already, that one runs once more instead, as for a person's request.
     */
    public Started alertOpened(String incidentId, AlertContext context) {
        if (!hasSourceFor(context)) {
            return Started.NO_SOURCE;
        }
        if (!claim(incidentId)) {
            return Started.COALESCED;
        }
        loop(incidentId, context);
        return Started.STARTED;
    }

    /**
     * Someone asked for an analysis of this incident (command or button). Sources are picked by the labels of its
     * alerts; an incident declared by hand has none, so only sources without {@code match} apply to it.
     */
    public Started request(String incidentId) {
        Incident incident = incidents.get(incidentId);
        if (picked(alertContext.apply(incident.id())).isEmpty()) {
            return Started.NO_SOURCE;
        }
        return submit(incident.id(), null);
    }

    /** The sources that fit an incident with this context. */
    List<LogSource> picked(AlertContext context) {
        return context.hasLabels() ? sources.matching(context.labels())
                : sources.all().stream().filter(s -> s.spec().match().isEmpty()).toList();
    }

    /** A clear sentence for a person whose request found no source. */
    public String noSourceReason(String incidentId) {
        if (sources.isEmpty()) {
            return "No log sources are configured (LOG_SOURCES), so there is nothing to read for " + incidentId
                    + ". Give logs instead: `/incident analyze " + incidentId + " F0123ABC` or paste them.";
        }
        AlertContext c = alertContext.apply(incidentId);
        return c.hasLabels()
                ? "No source in LOG_SOURCES matches the alert labels of " + incidentId + ". Give logs instead: `/incident analyze "
                + incidentId + " F0123ABC` or paste them."
                : incidentId + " has no alerts, and every source in LOG_SOURCES is picked by alert labels (`match`). Give logs "
                + "instead: `/incident analyze " + incidentId + " F0123ABC` or paste them.";
    }

    /** @param given the alerts' context when the caller has it (an alert's rows may not be stored yet) */
    private Started submit(String incidentId, AlertContext given) {
        if (!claim(incidentId)) {
            return Started.COALESCED;
        }
        try {
            pool.execute(() -> loop(incidentId, given));
            return Started.STARTED;
        } catch (RejectedExecutionException e) {
            running.remove(incidentId);
            log.warn("analysis of {} not started: {} analyses are waiting", incidentId, pool.getQueue().size());
            return Started.BUSY;
        }
    }

    /** True when no analysis of the incident runs (it is now this caller's); else that one is asked to run again. */
    private boolean claim(String incidentId) {
        boolean[] fresh = {false};
        running.compute(incidentId, (k, again) -> {
            if (again == null) {
                fresh[0] = true;
                return new AtomicBoolean(false);
            }
            again.set(true);
            return again;
        });
        return fresh[0];
    }

    private volatile java.util.function.Consumer<java.time.Duration> finished = d -> { };

    /** Told how long each analysis run took (fetch, analyse, publish), for /metrics. */
    public void onFinished(java.util.function.Consumer<java.time.Duration> listener) {
        this.finished = listener;
    }

    /** Runs the incident's analysis, then again while someone asked meanwhile. */
    private void loop(String incidentId, AlertContext given) {
        boolean again = true;
        while (again) {
            try {
                Incident incident = incidents.find(incidentId).orElse(null);
                if (incident != null) {
                    AlertContext stored = alertContext.apply(incidentId);
                    AlertContext context = !stored.hasLabels() && given != null ? given : stored;
                    long t0 = System.nanoTime();
                    run.run(incident, context, picked(context));
                    finished.accept(java.time.Duration.ofNanos(System.nanoTime() - t0));
                }
            } catch (UserError e) {
                log.info("analysis of {} stopped: {}", incidentId, e.getMessage());
            } catch (RuntimeException e) {
                log.error("analysis of {} failed", incidentId, e);
            }
            again = running.compute(incidentId, (k, v) -> v != null && v.getAndSet(false) ? v : null) != null;
        }
    }

    /** Waits until no analysis runs or waits; for tests and orderly shutdown. */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            if (running.isEmpty()) {
                return true;
            }
            Thread.sleep(20);
        }
        return running.isEmpty();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
