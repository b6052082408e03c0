package dev.incidentbot.alert;

import java.time.Instant;

/** What the store knows of an alert already seen: enough to tell a re-delivery from a change. */
public record StoredAlert(String fingerprint, Alert.Status status, Instant startsAt, String incidentId) {
}
