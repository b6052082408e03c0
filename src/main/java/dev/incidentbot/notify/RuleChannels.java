package dev.incidentbot.notify;

import dev.incidentbot.incident.Incident;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The port that announces an incident in the channels a rule names; the slack package renders the announcement
 * and writes it to the outbox through {@code handle}, in the transaction of the change that calls for it.
 */
public interface RuleChannels {
    void announce(Handle handle, Incident incident, List<String> channels);
}
