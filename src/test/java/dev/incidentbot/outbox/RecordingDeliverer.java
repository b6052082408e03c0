package dev.incidentbot.outbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;

/**
 * A deliverer for tests that records every attempt (refused ones too), every delivered and gaveUp call, and fails
 * as scripted: the next scripted failures are thrown in turn, then every call succeeds.
 */
final class RecordingDeliverer implements Deliverer {
    record Attempt(long id, String incidentId, String purpose, int attemptsBefore, String replica) { }

    private final String kind;
    private final String replica;
    final List<Attempt> attempts;
    final List<Long> delivered = new CopyOnWriteArrayList<>();
    final List<String> gaveUp = new CopyOnWriteArrayList<>();
    private final Deque<DeliveryFailure> script = new ArrayDeque<>();
    private volatile DeliveryFailure always;

    RecordingDeliverer(String kind, String replica, List<Attempt> shared) {
        this.kind = kind;
        this.replica = replica;
        this.attempts = shared;
    }

    RecordingDeliverer(String kind) {
        this(kind, "only", new CopyOnWriteArrayList<>());
    }

    synchronized RecordingDeliverer failNext(DeliveryFailure... failures) {
        script.addAll(List.of(failures));
        return this;
    }

    RecordingDeliverer failAlways(DeliveryFailure failure) {
        always = failure;
        return this;
    }

    List<Attempt> attemptsOf(long id) {
        return attempts.stream().filter(a -> a.id() == id).toList();
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String deliver(OutboxEntry entry) throws DeliveryFailure {
        attempts.add(new Attempt(entry.id(), entry.incidentId(), entry.purpose(), entry.attempts(), replica));
        DeliveryFailure next;
        synchronized (this) {
            next = script.poll();
        }
        if (next == null) {
            next = always;
        }
        if (next != null) {
            throw next;
        }
        return "ref-" + entry.id();
    }

    @Override
    public void delivered(Handle handle, OutboxEntry entry, String reference) {
        // proves the call runs in the marking transaction: the mark is visible through this handle
        boolean marked = handle.createQuery("SELECT COUNT(*) FROM outbox WHERE id = :id AND sent_at IS NOT NULL")
                .bind("id", entry.id()).mapTo(Integer.class).one() == 1;
        if (!marked || !reference.equals("ref-" + entry.id())) {
            throw new IllegalStateException("delivered outside the mark's transaction");
        }
        delivered.add(entry.id());
    }

    @Override
    public void gaveUp(Handle handle, OutboxEntry entry, String reason) {
        gaveUp.add(entry.id() + " " + reason);
    }
}
