package dev.incidentbot.analysis.corpus;

import dev.incidentbot.analysis.cause.GroupStats;
import dev.incidentbot.analysis.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every cause a report names, strongest first: rootCause, then the further causes (JSON rootCauses). */
final class Named {
    private Named() {
    }

    static List<Map<String, String>> of(Report r) {
        List<Map<String, String>> out = new ArrayList<>();
        if (!r.rootCauseAttributes().isEmpty()) {
            out.add(r.rootCauseAttributes());
            for (GroupStats g : r.analysis().furtherCauses()) {
                out.add(g.attributes());
            }
        }
        return out;
    }
}
