package dev.incidentbot.alert;

import dev.incidentbot.incident.Incident;
import org.jdbi.v3.core.Handle;

/**
 * The port through which alerts reach people; the slack package implements it (this package never imports Slack).
 * Each call writes its posts in {@code handle}'s transaction, beside the timeline entry it reports.
 */
public interface AlertNotifier {

    /** A coalesced change of a group with an incident: a note in the incident's thread. */
    void incidentDigest(Handle handle, Incident incident, GroupDigest digest);

    /** A coalesced change of a group below the threshold, without an incident: one compact post in the channel. */
    void compactDigest(Handle handle, GroupDigest digest);
}
