package dev.incidentbot.notify;

import java.util.Optional;

/** The port that knows the link to an incident's Slack thread, once Slack has posted its announcement. */
@FunctionalInterface
public interface ThreadLinks {
    Optional<String> of(String incidentId);

    static ThreadLinks none() {
        return id -> Optional.empty();
    }
}
