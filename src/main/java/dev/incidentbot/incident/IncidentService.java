package dev.incidentbot.incident;

import dev.incidentbot.UserError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident lifecycle: declare, update, change severity, assign, record a root cause, resolve.
 * Each change is one transaction: incident row, timeline row and what reports it (outbox rows, written by the
 * {@link IncidentTxListener}s) commit together or not at all. {@link IncidentListener}s hear of it after the commit and
 * only start side effects that are recovered if lost (Quartz jobs rebuilt by the reminder sweep, channels by their
 * start-up sweep), so their failure is logged rather than undoing a change that is already committed.
 */
public final class IncidentService {
    public static final String MONITORING = "monitoring";
    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);
    private static final int TITLE_MAX = 200;
    private static final int TEXT_MAX = 3000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final List<IncidentListener> listeners = new CopyOnWriteArrayList<>();
    private final List<IncidentTxListener> txListeners = new CopyOnWriteArrayList<>();

    public IncidentService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Adds a listener called in registration order after every committed change, for recoverable side effects only:
     * anything that must not be lost is written by an {@link IncidentTxListener} instead.
     */
    public void addListener(IncidentListener listener) {
        listeners.add(listener);
    }

    /** Adds a listener called inside each change's transaction, in registration order, before the commit. */
    public void addTxListener(IncidentTxListener listener) {
        txListeners.add(listener);
    }

    /**
     * What a declaration needs; {@code source} is "slack" for people, the monitoring system's name otherwise, and
     * {@code trigger} what monitoring saw (null when a person declares), handed to the listeners with the incident.
     */
    public record Declaration(String title, Severity severity, String description, String actor, String channelId,
                              String source, Trigger trigger) {
        /** A declaration without a monitoring trigger: a person's. */
        public Declaration(String title, Severity severity, String description, String actor, String channelId,
                           String source) {
            this(title, severity, description, actor, channelId, source, null);
        }
    }

    public Incident declare(Declaration d) {
        String title = clean(d.title(), TITLE_MAX);
        if (title.isBlank()) {
            throw new UserError("An incident needs a title: `/incident declare Checkout returns 500s sev2`.");
        }
        Instant now = clock.instant();
        int year = now.atZone(ZoneOffset.UTC).getYear();
        boolean human = "slack".equals(d.source());
        Incident incident = withRetryOnConflict(() -> jdbi.inTransaction(h -> {
            IncidentRepository repo = h.attach(IncidentRepository.class);
            int number = nextNumber(repo, year);
            String id = new IncidentId(year, number).toString();
            Incident created = new Incident(id, title, clean(d.description(), TEXT_MAX), d.severity(),
                    IncidentStatus.INVESTIGATING, human ? d.actor() : null, d.actor(), d.source(), false, now, now,
                    null, null, null, null, d.channelId(), null, null);
            repo.insert(created);
            h.attach(TimelineRepository.class).append(id, now, TimelineKind.DECLARED, d.actor(),
                    "Declared " + d.severity().name() + ": " + title);
            txListeners.forEach(l -> l.declared(h, created, d.trigger()));
            return created;
        }));
        log.info("declared {} ({}) by {}", incident.id(), incident.severity(), d.actor());
        listeners.forEach(l -> safely(() -> l.declared(incident, d.trigger())));
        return incident;
    }

    /** The counter row is locked by the UPDATE until commit, so concurrent declares (and replicas) never share a number. */
    private static int nextNumber(IncidentRepository repo, int year) {
        if (repo.bumpCounter(year) == 0) {
            repo.startCounter(year); // a concurrent first declare of the year fails here on the key and is retried
        }
        return repo.counter(year);
    }

    public Incident postStatus(String id, String actor, String text) {
        String body = clean(text, TEXT_MAX);
        if (body.isBlank()) {
            throw new UserError("A status update needs some text: `/incident status " + id + " Rolled back, watching p95`.");
        }
        Instant now = clock.instant();
        boolean human = !MONITORING.equals(actor);
        TimelineEntry[] entry = new TimelineEntry[1];
        Incident updated = change(id, h -> {
            h.attach(IncidentRepository.class).touchUpdate(id, now, human);
            long entryId = h.attach(TimelineRepository.class).append(id, now, TimelineKind.STATUS, actor, body);
            entry[0] = new TimelineEntry(entryId, id, now, TimelineKind.STATUS, actor, body);
        }, (h, inc) -> txListeners.forEach(l -> l.statusPosted(h, inc, entry[0])));
        listeners.forEach(l -> safely(() -> l.statusPosted(updated, entry[0])));
        return updated;
    }

    public Incident changeSeverity(String id, String actor, Severity severity) {
        Severity[] from = new Severity[1];
        Incident updated = change(id, h -> {
            Incident current = h.attach(IncidentRepository.class).lock(id).orElseThrow();
            from[0] = current.severity();
            if (current.severity() == severity) {
                throw new UserError(id + " is already " + severity.display() + ".");
            }
            h.attach(IncidentRepository.class).setSeverity(id, severity);
            timeline(h, id, TimelineKind.SEVERITY, actor, "Severity " + current.severity().name() + " → " + severity.name());
        }, (h, inc) -> txListeners.forEach(l -> l.severityChanged(h, inc, from[0], actor)));
        listeners.forEach(l -> safely(() -> l.severityChanged(updated, from[0], actor)));
        return updated;
    }

    public Incident assign(String id, String actor, String commander) {
        boolean human = !MONITORING.equals(actor);
        Incident updated = change(id, h -> {
            h.attach(IncidentRepository.class).setCommander(id, commander, human);
            timeline(h, id, TimelineKind.COMMANDER, actor, "Commander: " + commander);
        }, (h, inc) -> txListeners.forEach(l -> l.commanderAssigned(h, inc, actor)));
        listeners.forEach(l -> safely(() -> l.commanderAssigned(updated, actor)));
        return updated;
    }

    public Incident setStatus(String id, String actor, IncidentStatus status) {
        Incident updated = change(id, h -> {
            Incident current = h.attach(IncidentRepository.class).lock(id).orElseThrow();
            if (!current.status().canMoveTo(status)) {
                throw new UserError("Use `/incident resolve " + id + " …` to resolve; status can be investigating, identified or monitoring.");
            }
            h.attach(IncidentRepository.class).setStatus(id, status);
            timeline(h, id, TimelineKind.STATUS, actor, "Status → " + status.name().toLowerCase());
        });
        return updated;
    }

    /** Records what an analysis found; the incident moves to IDENTIFIED when it was still investigating. */
    public Incident recordRootCause(String id, String actor, String rootCause, String analysisJson) {
        return recordRootCause(id, actor, rootCause, analysisJson, (h, inc) -> { });
    }

    /** As {@link #recordRootCause(String, String, String, String)}, with {@code alsoInTx} in the same transaction. */
    public Incident recordRootCause(String id, String actor, String rootCause, String analysisJson,
                                    java.util.function.BiConsumer<Handle, Incident> alsoInTx) {
        Incident updated = change(id, h -> {
            IncidentRepository repo = h.attach(IncidentRepository.class);
            Incident current = repo.lock(id).orElseThrow();
            repo.setRootCause(id, clean(rootCause, TEXT_MAX), analysisJson);
            if (current.status() == IncidentStatus.INVESTIGATING) {
                repo.setStatus(id, IncidentStatus.IDENTIFIED);
            }
            timeline(h, id, TimelineKind.ANALYSIS, actor, "Root cause identified: " + clean(rootCause, TEXT_MAX));
        }, (h, inc) -> {
            txListeners.forEach(l -> l.rootCauseRecorded(h, inc, actor));
            alsoInTx.accept(h, inc);
        });
        listeners.forEach(l -> safely(() -> l.rootCauseRecorded(updated, actor)));
        return updated;
    }

    /** Resolves an open incident; the root cause defaults to the one recorded by an analysis. */
    public Incident resolve(String id, String actor, String resolution) {
        String text = clean(resolution, TEXT_MAX);
        if (text.isBlank()) {
            throw new UserError("Say how it was resolved: `/incident resolve " + id + " Rolled back to v1.2`.");
        }
        Instant now = clock.instant();
        Incident resolved = change(id, h -> {
            if (h.attach(IncidentRepository.class).resolve(id, now, text, null) == 0) {
                throw new UserError(id + " is already resolved.");
            }
            timeline(h, id, TimelineKind.RESOLVED, actor, "Resolved: " + text);
        }, (h, inc) -> txListeners.forEach(l -> l.resolved(h, inc, actor)));
        log.info("resolved {} by {} after {} min", id, actor, resolved.resolutionTimeMinutes());
        listeners.forEach(l -> safely(() -> l.resolved(resolved, actor)));
        return resolved;
    }

    /** Adds a free-form timeline entry (alerts joining, reminders, escalations, retro events). */
    public TimelineEntry addTimeline(String id, TimelineKind kind, String actor, String text) {
        return jdbi.inTransaction(h -> addTimeline(h, id, kind, actor, text));
    }

    /** Adds a timeline entry in {@code handle}'s transaction, beside what else that transaction writes (its posts). */
    public TimelineEntry addTimeline(Handle handle, String id, TimelineKind kind, String actor, String text) {
        Instant now = clock.instant();
        String body = clean(text, TEXT_MAX);
        long entryId = handle.attach(TimelineRepository.class).append(id, now, kind, actor, body);
        return new TimelineEntry(entryId, id, now, kind, actor, body);
    }

    /** Records the incident's dedicated channel in {@code handle}'s transaction (with the posts that announce it). */
    public void attachIncidentChannel(Handle handle, String id, String channelId) {
        handle.attach(IncidentRepository.class).setIncidentChannel(id, channelId);
    }

    public void attachIncidentChannel(String id, String channelId) {
        jdbi.useExtension(IncidentRepository.class, r -> r.setIncidentChannel(id, channelId));
    }

    public void attachAnnouncement(String id, String ts) {
        jdbi.useExtension(IncidentRepository.class, r -> r.setMessageTs(id, ts));
    }

    /** Records the announcement's ts in {@code handle}'s transaction (the outbox's mark of the announcement). */
    public void attachAnnouncement(Handle handle, String id, String ts) {
        handle.attach(IncidentRepository.class).setMessageTs(id, ts);
    }

    public Optional<Incident> find(String id) {
        return jdbi.withExtension(IncidentRepository.class, r -> r.find(id));
    }

    /** The incident with this id, or a user error saying it does not exist. */
    public Incident get(String id) {
        return find(id).orElseThrow(() -> noSuchIncident(id));
    }

    /** The incident whose dedicated channel this is, or whose announcement thread this is. */
    public Optional<Incident> findByChannel(String channelId) {
        return jdbi.withExtension(IncidentRepository.class, r -> r.findByIncidentChannel(channelId)).stream().findFirst();
    }

    public Optional<Incident> findByMessage(String channelId, String ts) {
        return jdbi.withExtension(IncidentRepository.class, r -> r.findByMessage(channelId, ts));
    }

    /** Open incidents, most severe first, then oldest first. */
    public List<Incident> listOpen() {
        return jdbi.withExtension(IncidentRepository.class, IncidentRepository::listOpen);
    }

    /** The timeline as {@code handle}'s transaction sees it (with what it wrote, not yet committed). */
    public List<TimelineEntry> timeline(Handle handle, String id) {
        return handle.attach(TimelineRepository.class).forIncident(id);
    }

    public List<TimelineEntry> timeline(String id) {
        return jdbi.withExtension(TimelineRepository.class, r -> r.forIncident(id));
    }

    public Clock clock() {
        return clock;
    }

    private interface Change {
        void apply(Handle h);
    }

    /** Runs a change on an existing, open incident in one transaction and returns the incident as committed. */
    private Incident change(String id, Change change) {
        return change(id, change, (h, updated) -> { });
    }

    /** As {@link #change(String, Change)}, then hands the changed incident to {@code inTx} before the commit. */
    private Incident change(String id, Change change, java.util.function.BiConsumer<Handle, Incident> inTx) {
        return jdbi.inTransaction(h -> {
            IncidentRepository repo = h.attach(IncidentRepository.class);
            Incident current = repo.lock(id).orElseThrow(() -> noSuchIncident(id));
            if (!current.isOpen()) {
                throw new UserError(id + " is resolved; declare a new incident if it is back.");
            }
            change.apply(h);
            Incident updated = repo.find(id).orElseThrow();
            inTx.accept(h, updated);
            return updated;
        });
    }

    private void timeline(Handle h, String id, TimelineKind kind, String actor, String text) {
        h.attach(TimelineRepository.class).append(id, clock.instant(), kind, actor, text);
    }

    private static UserError noSuchIncident(String id) {
        return new UserError("There is no incident " + id + ". `/incident list` shows the open ones.");
    }

    private static <T> T withRetryOnConflict(java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (UnableToExecuteStatementException e) {
                if (attempt >= 5 || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("40"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs an after-commit listener. Its failure cannot undo the committed change, and what it starts is recovered
     * by a sweep (see {@link #addListener}), so it is logged; what must not be lost is written inside the transaction.
     */
    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.error("an after-commit incident listener failed; the change is committed and its sweep recovers", e);
        }
    }

    /** Trims, strips control characters (but newlines) and caps the length of text typed by people or alerts. */
    static String clean(String s, int max) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("[\\p{Cntrl}&&[^\n\t]]", "").strip();
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }
}
