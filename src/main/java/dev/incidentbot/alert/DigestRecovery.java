package dev.incidentbot.alert;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.TimelineKind;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the alert changes that storm control was holding in the memory of a process that died. Storm control keeps a
 * group's changes for up to one window before its note; every note moves the group's mark ({@code noted_at}) in the
 * transaction that writes it. So a group of an open incident whose stored alerts changed after its mark, longer ago
 * than a window and a margin (no live replica still holds them), lost its note: it gets one, built from those stored
 * alerts, in the transaction that moves the mark. Groups are locked while reported, so replicas never report one twice.
 *
 * <p>What it cannot see: a change committed in the few milliseconds between a note's snapshot and its commit is
 * behind the mark that note sets; and compact posts of alerts without an incident are not recovered.
 */
public final class DigestRecovery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DigestRecovery.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };
    /** Past the window, how long a live replica gets to post what it holds before its note counts as lost. */
    static final Duration MARGIN = Duration.ofSeconds(10);
    /** Groups reported per sweep at most; the next sweep takes the rest. */
    static final int MAX_PER_SWEEP = 200;

    private final Jdbi jdbi;
    private final IncidentService incidents;
    private final AlertNotifier notifier;
    private final Duration window;
    private final Clock clock;
    private ScheduledExecutorService timer;

    DigestRecovery(Jdbi jdbi, IncidentService incidents, AlertNotifier notifier, Duration window, Clock clock) {
        this.jdbi = jdbi;
        this.incidents = incidents;
        this.notifier = notifier;
        this.window = window;
        this.clock = clock;
    }

    /** Sweeps now and then every window (at least every 10 s), on a thread of its own. */
    synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alert-note-recovery");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10_000, window.toMillis());
        timer.scheduleWithFixedDelay(this::safeSweep, 0, period, TimeUnit.MILLISECONDS);
    }

    private void safeSweep() {
        try {
            int n = sweep();
            if (n > 0) {
                log.info("posted {} alert note(s) that a stopped process had held back", n);
            }
        } catch (RuntimeException e) {
            log.warn("alert note recovery failed; trying again at the next sweep: {}", e.toString());
        }
    }

    /** Reports every group whose note was lost; returns how many. */
    int sweep() {
        Instant settled = clock.instant().minus(window).minus(MARGIN);
        int posted = 0;
        while (posted < MAX_PER_SWEEP && jdbi.inTransaction(h -> reportOne(h, settled))) {
            posted++;
        }
        return posted;
    }

    private boolean reportOne(Handle h, Instant settled) {
        NoteMarks marks = h.attach(NoteMarks.class);
        Optional<NoteMarks.Unnoted> next = marks.nextUnnoted(settled);
        if (next.isEmpty()) {
            return false;
        }
        NoteMarks.Unnoted g = next.get();
        Optional<Incident> incident = incidents.find(g.incidentId());
        if (incident.isPresent()) {
            GroupDigest d = digest(h, marks, g, settled);
            incidents.addTimeline(h, g.incidentId(), TimelineKind.ALERT, IncidentService.MONITORING, d.timelineText());
            notifier.incidentDigest(h, incident.get(), d);
        }
        marks.noted(g.id(), settled);
        return true;
    }

    private GroupDigest digest(Handle h, NoteMarks marks, NoteMarks.Unnoted g, Instant settled) {
        String firingName = Alert.Status.FIRING.name();
        String resolvedName = Alert.Status.RESOLVED.name();
        List<NoteMarks.ChangedRow> firingRows = marks.examples(g.id(), firingName, g.notedAt(), settled, GroupDigest.EXAMPLES);
        List<Alert> firing = alerts(g, firingRows);
        List<Alert> resolved = alerts(g, marks.examples(g.id(), resolvedName, g.notedAt(), settled, GroupDigest.EXAMPLES));
        Severity severity = null;
        for (NoteMarks.ChangedRow r : firingRows) {
            Severity s = Severity.valueOf(r.severity());
            severity = severity == null || s.atLeast(severity) ? s : severity;
        }
        int firingNow = h.attach(AlertRepository.class).firing(g.incidentId());
        return new GroupDigest(g.source(), g.groupKey(), g.incidentId(), severity, firing,
                marks.changed(g.id(), firingName, g.notedAt(), settled), resolved,
                marks.changed(g.id(), resolvedName, g.notedAt(), settled), firingNow, firingNow == 0 && !resolved.isEmpty());
    }

    private static List<Alert> alerts(NoteMarks.Unnoted g, List<NoteMarks.ChangedRow> rows) {
        List<Alert> out = new ArrayList<>(rows.size());
        for (NoteMarks.ChangedRow r : rows) {
            out.add(new Alert(g.source(), r.fingerprint(), g.groupKey(), Alert.Status.valueOf(r.status()), map(r.labels()),
                    map(r.annotations()), r.startsAt(), r.endsAt(), r.url()));
        }
        return out;
    }

    private static Map<String, String> map(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (IOException e) {
            return Map.of(); // stored by this bot as a JSON object of strings; an unreadable one shows no labels
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
