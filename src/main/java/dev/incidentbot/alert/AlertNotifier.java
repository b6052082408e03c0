package dev.incidentbot.alert;

import dev.incidentbot.incident.Incident;

/** The port through which alerts reach people; the slack package implements it (this package never imports Slack). */
public interface AlertNotifier {

    /** A coalesced change of a group with an incident: a note in the incident's thread. */
    void incidentDigest(Incident incident, GroupDigest digest);

    /** A coalesced change of a group below the threshold, without an incident: one compact post in the channel. */
    void compactDigest(GroupDigest digest);
}
