package dev.incidentbot.notify;

/**
 * A ticket to open: a one-line summary, a plain description (the tracker's own format is built from it) and a link
 * back to the incident in Slack (null while unknown). {@code retroNoteId} is the retro action item it tracks, or 0.
 */
public record Ticket(String summary, String description, String link, long retroNoteId) {
    public Ticket {
        summary = summary.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        summary = summary.length() <= 250 ? summary : summary.substring(0, 249) + "…";
    }

    /** The tracker's answer: its key (OPS-12, #7) and the page people open. */
    public record Created(String key, String url) {
    }
}
