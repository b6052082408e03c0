package dev.incidentbot.analysis.corpus;

import java.util.Map;

/** How an analysis compares with a case's planted truth. */
public enum Outcome {
    RIGHT, TOO_FINE, TOO_COARSE, WRONG, NO_ANOMALY, FALSE_ALARM;

    /** Judges the root cause the analyzer named (empty: no_anomaly) against the planted one (empty: nothing planted). */
    public static Outcome judge(Map<String, String> truth, Map<String, String> found) {
        if (truth.isEmpty()) {
            return found.isEmpty() ? RIGHT : FALSE_ALARM;
        }
        if (found.isEmpty()) {
            return NO_ANOMALY;
        }
        if (found.equals(truth)) {
            return RIGHT;
        }
        if (found.entrySet().containsAll(truth.entrySet())) {
            return TOO_FINE;
        }
        if (truth.entrySet().containsAll(found.entrySet())) {
            return TOO_COARSE;
        }
        return WRONG;
    }
}
