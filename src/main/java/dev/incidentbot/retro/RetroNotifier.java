package dev.incidentbot.retro;

import dev.incidentbot.incident.Incident;
import java.util.List;

/** The port through which retros reach people; the slack package implements it, the CLI uses {@link #NONE}. */
public interface RetroNotifier {

    /**
     * Posts the retro prompts as a new top-level message in the incident's home channel; the implementation reports
     * the message's ts back through {@link RetroService#threadPosted} once it is known. Written in {@code handle}'s
     * transaction, the one that opens the thread.
     *
     * @param prompts     the four prompts, each with the marker that files a reply under it
     * @param suggestions the bot's own points from the record, plain text, to be shown as suggestions
     */
    void openThread(org.jdbi.v3.core.Handle handle, Incident incident, List<String> prompts, List<String> suggestions);

    /** For the command line: nobody to tell. */
    RetroNotifier NONE = (handle, incident, prompts, suggestions) -> { };
}
