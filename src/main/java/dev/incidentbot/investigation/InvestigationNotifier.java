package dev.incidentbot.investigation;

import dev.incidentbot.incident.Incident;

/** The port through which analyses of an incident reach people; the slack package implements it. */
public interface InvestigationNotifier {

    /** An analysis is ready: the summary, the full report when long, and its chart go to the incident's thread. */
    void analysed(Incident incident, SourcedReport result);

    /** A source gave nothing to analyse: one line naming it and why. */
    void sourceFailed(Incident incident, String source, String reason);
}
