package dev.incidentbot.investigation;

import dev.incidentbot.incident.Incident;
import org.jdbi.v3.core.Handle;

/**
 * The port through which analyses of an incident reach people; the slack package implements it. Posts are written in
 * {@code handle}'s transaction: the one that stores the analysis (and records its root cause).
 */
public interface InvestigationNotifier {

    /** An analysis is ready: the summary, the full report when long, and its chart go to the incident's thread. */
    void analysed(Handle handle, Incident incident, SourcedReport result);

    /** A source gave nothing to analyse: one line naming it and why. */
    void sourceFailed(Handle handle, Incident incident, String source, String reason);
}
