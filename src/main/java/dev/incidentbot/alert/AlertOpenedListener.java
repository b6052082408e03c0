package dev.incidentbot.alert;

import dev.incidentbot.incident.Incident;
import java.time.Instant;
import java.util.Map;

/**
 * Told when alerts have opened an incident (after it is committed), with the labels its alerts share and since when
 * they fire; the log analysis listens. Called on the alert writer's thread, so a listener only hands work off.
 */
@FunctionalInterface
public interface AlertOpenedListener {
    void opened(Incident incident, Map<String, String> labels, Instant firingSince);
}
