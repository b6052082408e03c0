package dev.incidentbot.alert;

import dev.incidentbot.incident.Incident;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Told when alerts have opened an incident, inside the transaction that stores those alerts (the incident itself is
 * already committed), with the labels its alerts share and since when they fire; the log analysis listens. A listener
 * only writes rows through {@code handle} (its failure rolls the alerts back, and the delivery is retried), and
 * does its slow work after the commit.
 */
@FunctionalInterface
public interface AlertOpenedListener {
    void opened(Handle handle, Incident incident, Map<String, String> labels, Instant firingSince);
}
