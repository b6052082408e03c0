package dev.incidentbot.retro;

import dev.incidentbot.UserError;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentTxListener;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.TimelineKind;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retros: opens the retro thread when an incident is resolved (in the resolution's transaction, so a resolved
 * incident always has its retro thread and prompts post), or on request, files replies in that thread
 * and {@code /incident retro add} as notes, follows edits and deletions, and builds the postmortem.
 * Slack delivers events at least once; the event id and the reply's (channel, ts) are unique keys, so a retry
 * finds its row already there and changes nothing.
 */
public final class RetroService implements IncidentTxListener {
    private static final Logger log = LoggerFactory.getLogger(RetroService.class);
    private static final int TEXT_MAX = 3000;
    private static final Duration REMEMBER_EVENTS = Duration.ofDays(7); // Slack stops retrying after about an hour

    /** The four prompts of the retro message, each saying how to file a reply under it. */
    public static final List<String> PROMPTS = List.of(
            "What went well? Start a reply with `went well:` or ✅",
            "What went poorly? Start a reply with `went poorly:` or ❌",
            "Action items: what will we do? Start a reply with `action:` or 🎯",
            "Lessons: what did we learn? Start a reply with `lesson:` or 💡");

    private final Jdbi jdbi;
    private final IncidentService incidents;
    private final RetroNotifier notifier;
    private final Clock clock;

    public RetroService(Jdbi jdbi, IncidentService incidents, RetroNotifier notifier, Clock clock) {
        this.jdbi = jdbi;
        this.incidents = incidents;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** What became of a Slack event: stored or applied, already seen, or nothing to do with a retro. */
    public enum Outcome {
        STORED, DUPLICATE, IGNORED
    }

    /** The retro thread of an incident, and whether it was already open before this call. */
    public record Opened(RetroThread thread, boolean alreadyOpen) {
    }

    @Override
    public void resolved(Handle h, Incident incident, String actor) {
        if (h.attach(RetroRepository.class).threadOf(incident.id()).isEmpty()) {
            open(h, incident, actor);
        }
    }

    /** Opens the incident's retro thread once; later calls return the thread that exists. */
    public Opened open(String incidentId, String actor) {
        Incident incident = incidents.get(incidentId);
        Optional<RetroThread> existing = thread(incidentId);
        if (existing.isPresent()) {
            return new Opened(existing.get(), true);
        }
        try {
            jdbi.useTransaction(h -> open(h, incident, actor));
        } catch (JdbiException e) {
            if (isDuplicate(e)) { // opened concurrently, e.g. resolve and `retro start` at once
                return new Opened(thread(incidentId).orElseThrow(), true);
            }
            throw e;
        }
        return new Opened(thread(incidentId).orElseThrow(), false);
    }

    /** The thread row, its timeline entry and the prompts' post: one transaction. */
    private void open(Handle h, Incident incident, String actor) {
        String incidentId = incident.id();
        h.attach(RetroRepository.class).openThread(incidentId, incident.homeChannel(), clock.instant(), actor);
        incidents.addTimeline(h, incidentId, TimelineKind.RETRO, actor, "Retro thread opened");
        List<String> suggestions = RetroFacts.of(incident, incidents.timeline(h, incidentId),
                AnalysisFacts.parse(incident.analysisJson())).suggestions();
        notifier.openThread(h, incident, PROMPTS, suggestions);
        log.info("opened the retro thread of {} in {}", incidentId, incident.homeChannel());
    }

    /** The bot's own points for the retro, computed from the record. */
    public List<String> suggestions(Incident incident) {
        return RetroFacts.of(incident, incidents.timeline(incident.id()), AnalysisFacts.parse(incident.analysisJson())).suggestions();
    }

    /** Slack posted the prompts: replies will carry this ts as their thread_ts. Recorded in the outbox's mark. */
    public void threadPosted(org.jdbi.v3.core.Handle handle, String incidentId, String channel, String ts) {
        int n = handle.attach(RetroRepository.class).threadPosted(incidentId, channel, ts);
        if (n == 0) {
            log.warn("retro prompts of {} posted at {}/{} but no thread was waiting for it", incidentId, channel, ts);
        }
    }

    public Optional<RetroThread> thread(String incidentId) {
        return jdbi.withExtension(RetroRepository.class, r -> r.threadOf(incidentId));
    }

    /** The retro whose prompts' message is {@code threadTs} in {@code channel}, if any. */
    public Optional<RetroThread> threadAt(String channel, String threadTs) {
        if (channel == null || threadTs == null) {
            return Optional.empty();
        }
        return jdbi.withExtension(RetroRepository.class, r -> r.threadAt(channel, threadTs));
    }

    /** {@code /incident retro add ID KIND: TEXT}; the text must start with a kind so nothing is filed by guesswork. */
    public RetroNote addFromCommand(String incidentId, String author, String channel, String text) {
        Incident incident = incidents.get(incidentId);
        NoteKind.Classified c = NoteKind.classify(clean(text));
        if (!c.marked()) {
            throw new UserError("Start the note with its kind: " + NoteKind.markers() + ". E.g. `/incident retro add "
                    + incident.id() + " action: alert on p95 latency per model version`.");
        }
        if (c.text().isBlank()) {
            throw new UserError("The note is empty: write something after `" + c.kind().marker() + "`.");
        }
        long id = jdbi.withExtension(RetroRepository.class,
                r -> r.addNote(incident.id(), c.kind(), author, c.text(), channel, null, clock.instant()));
        return jdbi.withExtension(RetroRepository.class, r -> r.note(id)).orElseThrow();
    }

    /** A reply in a retro thread becomes a note, once, however often Slack delivers it. */
    public Outcome addFromThread(ThreadReply reply) {
        if (reply.threadTs() == null || reply.threadTs().equals(reply.ts())) {
            return Outcome.IGNORED; // a top-level message, or the thread's root itself
        }
        Optional<RetroThread> thread = threadAt(reply.channel(), reply.threadTs());
        if (thread.isEmpty()) {
            return Outcome.IGNORED;
        }
        NoteKind.Classified c = NoteKind.classify(clean(reply.text()));
        if (c.text().isBlank()) {
            return Outcome.IGNORED;
        }
        Instant now = clock.instant();
        Instant written = tsInstant(reply.ts(), now);
        Outcome outcome = once(reply.eventId(), now, r -> r.addNote(thread.get().incidentId(), c.kind(), reply.user(), c.text(),
                reply.channel(), reply.ts(), written));
        if (outcome == Outcome.STORED) {
            log.info("retro note ({}) for {} from {}", c.kind(), thread.get().incidentId(), reply.user());
            jdbi.useExtension(RetroRepository.class, r -> r.forgetEvents(now.minus(REMEMBER_EVENTS)));
        }
        return outcome;
    }

    /** An edited reply: the note takes the new text and, when its marker changed, the new kind. */
    public Outcome edit(String eventId, String channel, String ts, String newText) {
        if (jdbi.withExtension(RetroRepository.class, r -> r.noteAt(channel, ts)).isEmpty()) {
            return Outcome.IGNORED;
        }
        NoteKind.Classified c = NoteKind.classify(clean(newText));
        if (c.text().isBlank()) {
            return delete(eventId, channel, ts);
        }
        Instant now = clock.instant();
        return once(eventId, now, r -> r.editNote(channel, ts, c.kind(), c.text(), now));
    }

    /** A deleted reply: the note stays in the store, marked deleted, and leaves the postmortem. */
    public Outcome delete(String eventId, String channel, String ts) {
        if (jdbi.withExtension(RetroRepository.class, r -> r.noteAt(channel, ts)).isEmpty()) {
            return Outcome.IGNORED;
        }
        Instant now = clock.instant();
        return once(eventId, now, r -> r.deleteNote(channel, ts, now));
    }

    private interface Change {
        void apply(RetroRepository repo);
    }

    /** Claims the event id and applies the change in one transaction; a unique-key violation means it was applied before. */
    private Outcome once(String eventId, Instant now, Change change) {
        try {
            jdbi.useTransaction(h -> {
                RetroRepository repo = h.attach(RetroRepository.class);
                if (eventId != null && !eventId.isBlank()) {
                    repo.claimEvent(eventId, now);
                }
                change.apply(repo);
            });
            return Outcome.STORED;
        } catch (JdbiException e) {
            if (isDuplicate(e)) {
                log.debug("event {} already applied", eventId);
                return Outcome.DUPLICATE;
            }
            throw e;
        }
    }

    /** Action item {@code n} (1-based, as the postmortem numbers them) of an incident, or a user error. */
    public RetroNote actionItem(String incidentId, int n) {
        List<RetroNote> items = jdbi.withExtension(RetroRepository.class, r -> r.actionItems(incidentId));
        if (n < 1 || n > items.size()) {
            throw new UserError(items.isEmpty()
                    ? incidentId + " has no action items yet: `/incident retro add " + incidentId + " action: …` adds one."
                    : incidentId + " has action items 1 to " + items.size() + "; there is no " + n + ".");
        }
        return items.get(n - 1);
    }

    /** Records the ticket an action item became, in the transaction that marks the ticket's outbox row sent. */
    public void ticketOpened(org.jdbi.v3.core.Handle handle, long noteId, String key, String url) {
        handle.attach(RetroRepository.class).recordTicket(noteId, key, url, clock.instant());
    }

    /** Every note, deleted ones included, oldest first. */
    public List<RetroNote> notes(String incidentId) {
        return jdbi.withExtension(RetroRepository.class, r -> r.notes(incidentId));
    }

    /** The postmortem model of an incident (open or resolved); a user error when there is no such incident. */
    public Postmortem postmortem(String incidentId) {
        Incident incident = incidents.get(incidentId);
        return Postmortem.of(incident, incidents.timeline(incident.id()), notes(incident.id()),
                AnalysisFacts.parse(incident.analysisJson()),
                jdbi.withExtension(RetroRepository.class, r -> r.tickets(incident.id())));
    }

    public String markdown(String incidentId) {
        return PostmortemMarkdown.render(postmortem(incidentId));
    }

    /** Slack's ts is seconds.micros since the epoch: when the person wrote the message. */
    static Instant tsInstant(String ts, Instant fallback) {
        if (ts == null || !ts.matches("\\d{1,12}(\\.\\d{1,9})?")) {
            return fallback;
        }
        String[] p = ts.split("\\.");
        long nanos = p.length > 1 ? Long.parseLong((p[1] + "000000000").substring(0, 9)) : 0;
        return Instant.ofEpochSecond(Long.parseLong(p[0]), nanos);
    }

    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("[\\p{Cntrl}&&[^\n\t]]", "").strip();
        return t.length() <= TEXT_MAX ? t : t.substring(0, TEXT_MAX - 1) + "…";
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
