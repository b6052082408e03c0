package dev.incidentbot.alert;

import dev.incidentbot.UserError;
import dev.incidentbot.alert.AlertBatch.Decided;
import dev.incidentbot.alert.AlertBatch.Delivery;
import dev.incidentbot.alert.AlertBatch.Known;
import dev.incidentbot.alert.AlertPolicy.Action;
import dev.incidentbot.alert.AlertPolicy.IncidentView;
import dev.incidentbot.alert.AlertPolicy.Plan;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.TimelineKind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link AlertPolicy} decisions: declares, resolves and notes through {@link IncidentService}, stores the alerts,
 * and hands thread notes and compact posts to {@link StormControl}.
 *
 * <p>One writer: deliveries are parsed in parallel but applied one at a time, on one long-lived handle, so concurrent
 * deliveries of a group cannot declare twice, the store never retries conflicting writers, and Jdbi's per-handle set-up
 * (a third of the cost per alert when measured) is paid once. Deliveries that arrive while another commits share the
 * next transaction ({@link AlertWriter}'s group commit); each is acknowledged only once it committed. The alert rows are written after the incident change:
 * a crash in between makes the re-delivery try again (at worst a second incident) rather than remember an alert
 * nobody was told about.
 */
public final class AlertIntake implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);

    private final IncidentService incidents;
    private final AlertPolicy policy;
    private final AlertNotifier notifier;
    private final Jdbi jdbi;
    private final String channel;
    private final Clock clock;
    private final StormControl storm;
    private final AlertWriter<GroupJob> writer;
    private final DigestRecovery recovery;
    private final List<AlertOpenedListener> openedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public AlertIntake(Jdbi jdbi, IncidentService incidents, AlertPolicy policy, AlertNotifier notifier, String channel,
                       Duration stormWindow, Clock clock) {
        this.jdbi = jdbi;
        this.writer = new AlertWriter<>(jdbi, this::applyBatch);
        this.incidents = incidents;
        this.policy = policy;
        this.notifier = notifier;
        this.channel = channel;
        this.clock = clock;
        this.storm = new StormControl(stormWindow, this::deliver);
        this.recovery = new DigestRecovery(jdbi, incidents, notifier, stormWindow, clock);
    }

    /**
     * Starts looking, now and every storm window, for notes a stopped process held back (see {@link DigestRecovery});
     * the running bot does, tests that drive the clock by hand call {@link #recoverLostNotes} instead.
     */
    public void startNoteRecovery() {
        recovery.start();
    }

    /** Posts the notes a stopped process held back; returns how many groups were reported. */
    public int recoverLostNotes() {
        return recovery.sweep();
    }

    /** Takes the alerts of one delivery, group by group; returns once they are committed. */
    public IntakeResult receive(List<Alert> alerts) {
        Map<String, List<Alert>> groups = new LinkedHashMap<>();
        for (Alert a : alerts) {
            groups.computeIfAbsent(a.source() + "\u0000" + a.groupKey(), k -> new ArrayList<>()).add(a);
        }
        IntakeResult.Builder out = new IntakeResult.Builder();
        out.received = alerts.size();
        List<GroupJob> jobs = new ArrayList<>();
        for (List<Alert> group : groups.values()) {
            Alert first = group.get(0);
            Delivery delivery = new Delivery(first.source(), first.groupKey(), AlertParser.sha256(first.groupKey()), group);
            jobs.add(new GroupJob(delivery, out));
        }
        writer.apply(jobs);
        return out.build();
    }

    /** One group's alerts of one delivery: decided and stored in the writer's shared transaction, then followed up. */
    private final class GroupJob implements AlertWriter.Job {
        private final Delivery delivery;
        private final IntakeResult.Builder out;
        private Decided decided;

        GroupJob(Delivery delivery, IntakeResult.Builder out) {
            this.delivery = delivery;
            this.out = out;
        }

        @Override
        public void afterCommit() {
            follow(delivery, decided, out);
        }

        /** Only alerts into a group's open incident, stored in the batch, may be written beside another replica. */
        @Override
        public boolean needsReplicaLock() {
            IncidentView view = decided.known().group() == null ? null : decided.known().group().incident();
            return decided.needsWriterAlone() || view == null || !view.open();
        }
    }

    /** The group commit's work: the batch's deliveries decided together, up to and including one that declares or resolves. */
    private int applyBatch(AlertRepository repo, List<GroupJob> jobs) {
        AlertBatch batch = new AlertBatch(repo, policy, clock.instant());
        batch.prefetch(jobs.stream().map(j -> j.delivery).toList());
        int applied = 0;
        for (GroupJob job : jobs) {
            job.decided = batch.decide(job.delivery);
            applied++;
            if (job.decided.needsWriterAlone()) {
                break;
            }
        }
        batch.flush();
        return applied;
    }

    /** After the commit: declares or resolves as the plan says, stores what the batch left, queues the posts. */
    private void follow(Delivery d, Decided decided, IntakeResult.Builder out) {
        String source = d.source();
        String groupKey = d.groupKey();
        Known known = decided.known();
        Plan plan = decided.plan();
        IncidentView view = known.group() == null ? null : known.group().incident();
        out.duplicates += plan.duplicates();
        if (plan.changed().isEmpty()) {
            return;
        }
        out.changed += plan.changed().size();
        String incidentId = view != null && view.open() ? view.id() : null;
        Incident opened = null;
        if (plan.has(Action.DECLARE)) {
            opened = declare(source, plan);
            incidentId = opened.id();
            out.declared.add(incidentId);
        }
        if (plan.has(Action.RESOLVE)) {
            resolve(incidentId, plan, out);
        }
        if (!decided.stored()) { // a declaration is never stored in the batch: its alerts are written here
            String id = incidentId;
            Incident declared = opened;
            writer.inTransaction((h, r) -> {
                AlertRows.write(r, source, groupKey, d.hash(), known.group(), known.alerts(), plan, id, clock.instant());
                if (declared != null) {
                    tellOpened(h, declared, plan.newlyFiring());
                }
                return null;
            });
        }
        if (plan.has(Action.ATTACH) || plan.has(Action.NOTE_PARTIAL) || plan.has(Action.NOTE_ALL_RESOLVED_HUMAN)) {
            out.attached.add(incidentId);
            storm.submit(new GroupDigest(source, groupKey, incidentId, plan.severity(), plan.newlyFiring(),
                    plan.newlyFiring().size(), plan.newlyResolved(), plan.newlyResolved().size(), plan.firingAfter(),
                    plan.has(Action.NOTE_ALL_RESOLVED_HUMAN)));
        }
        if (plan.has(Action.POST_COMPACT)) {
            out.compact++;
            List<Alert> resolvedCompact = plan.newlyResolved().stream()
                    .filter(a -> known.alerts().get(a.fingerprint()).incidentId() == null).toList();
            storm.submit(new GroupDigest(source, groupKey, null, plan.severity(), plan.newlyFiring(), plan.newlyFiring().size(),
                    resolvedCompact, resolvedCompact.size(), -1, false));
        }
    }

    private Incident declare(String source, Plan plan) {
        List<Alert> firing = plan.newlyFiring();
        Runbook runbook = firing.stream().map(a -> policy.rules().runbookFor(a)).flatMap(Optional::stream).findFirst().orElse(null);
        // what the announcement shows goes with the declaration itself, as an argument the listeners receive
        AlertDeclaration declaration = new AlertDeclaration(source, plan.severity(), firing, firing.size(), runbook);
        Incident incident = incidents.declare(new IncidentService.Declaration(AlertPolicy.title(firing), plan.severity(),
                AlertPolicy.description(firing), IncidentService.MONITORING, channel, source, declaration.trigger()));
        incidents.addTimeline(incident.id(), TimelineKind.ALERT, IncidentService.MONITORING,
                "Alert triggered: " + firing.get(0).name() + (firing.size() > 1 ? " and " + (firing.size() - 1) + " more" : "")
                        + " (" + source + (firing.get(0).startsAt() == null ? "" : ", firing since " + firing.get(0).startsAt()) + ")");
        return incident;
    }

    /**
     * Lets the listeners (the log analysis) know, in the transaction that stores the alerts that opened the incident,
     * so what they write (a request for an analysis) is kept exactly when the alerts are.
     */
    private void tellOpened(Handle h, Incident incident, List<Alert> firing) {
        AlertLabels.Common common = AlertLabels.of(firing);
        for (AlertOpenedListener l : openedListeners) {
            l.opened(h, incident, common.labels(), common.firingSince());
        }
    }

    /** Adds a listener told of every incident alerts open. */
    public void onOpened(AlertOpenedListener listener) {
        openedListeners.add(listener);
    }

    private void resolve(String incidentId, Plan plan, IntakeResult.Builder out) {
        int n = plan.newlyResolved().size();
        try {
            incidents.resolve(incidentId, IncidentService.MONITORING, "Resolved by monitoring: all alerts recovered ("
                    + plan.newlyResolved().get(0).name() + (n > 1 ? " and " + (n - 1) + " more" : "") + ").");
            out.resolved.add(incidentId);
        } catch (UserError e) {
            log.info("{} was resolved meanwhile; its alerts' recovery changes nothing", incidentId);
        }
    }

    /** Posts one coalesced digest: a thread note (and a timeline entry) for an incident, else a compact post. */
    private void deliver(GroupDigest d) {
        if (d.incidentId() == null) {
            jdbi.useTransaction(h -> notifier.compactDigest(h, d));
            return;
        }
        Optional<Incident> incident = incidents.find(d.incidentId());
        if (incident.isEmpty()) {
            return;
        }
        // the timeline entry, the note that reports it and the group's mark (what DigestRecovery looks past) commit together
        jdbi.useTransaction(h -> {
            incidents.addTimeline(h, d.incidentId(), TimelineKind.ALERT, IncidentService.MONITORING, d.timelineText());
            notifier.incidentDigest(h, incident.get(), d);
            h.attach(NoteMarks.class).noted(d.source(), AlertParser.sha256(d.groupKey()), clock.instant());
        });
    }

    /** Transactions the alert store committed for deliveries, and the group-of-one-delivery jobs they held. */
    public long[] storeCommitsAndJobs() {
        return new long[] {writer.transactions(), writer.jobs()};
    }

    @Override
    public void close() {
        recovery.close();
        storm.close();
        writer.close();
    }
}
