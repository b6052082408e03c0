package dev.incidentbot.alert;

import dev.incidentbot.incident.Severity;
import dev.incidentbot.incident.Trigger;
import java.util.List;

/**
 * The alerts an incident is being declared for, with the severity they mapped to and the runbook they match:
 * what the announcement shows besides the incident itself.
 *
 * @param firing     the alerts that opened the incident (examples; {@code count} is the true number)
 */
public record AlertDeclaration(String source, Severity severity, List<Alert> firing, int count, Runbook runbook) {
    public AlertDeclaration {
        firing = List.copyOf(firing.subList(0, Math.min(GroupDigest.EXAMPLES, firing.size())));
    }

    public Alert first() {
        return firing.get(0);
    }

    /** What the announcement shows of these alerts, in the domain's words (the incident core knows no alerts). */
    public Trigger trigger() {
        Alert a = first();
        Trigger.FirstSteps steps = runbook == null ? null : new Trigger.FirstSteps(runbook.name(), runbook.url(), runbook.steps());
        return new Trigger(a.name(), source, count, a.summary(), a.labels(), a.url(), a.runbookUrl(), steps);
    }
}
