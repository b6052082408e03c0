package dev.incidentbot.analysis.corpus;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How an analysis compares with a case's planted truth. */
public enum Outcome {
    RIGHT, TOO_FINE, TOO_COARSE, WRONG, NO_ANOMALY, FALSE_ALARM,
    /** Every planted cause named, and more besides. */
    EXTRA_CAUSE,
    /** Only some of the planted causes named, nothing else. */
    MISSED_CAUSE;

    /**
     * Judges every cause the analyzer named (strongest first; empty: no_anomaly) against every planted one, as sets:
     * RIGHT only when they are the same; a named set that is a proper superset or subset of the planted one is
     * EXTRA_CAUSE or MISSED_CAUSE; otherwise the strongest named cause is judged against the planted ones.
     */
    public static Outcome judgeAll(List<Map<String, String>> planted, List<Map<String, String>> named) {
        Set<Map<String, String>> p = new HashSet<>(planted);
        Set<Map<String, String>> n = new HashSet<>(named);
        if (p.isEmpty()) {
            return n.isEmpty() ? RIGHT : FALSE_ALARM;
        }
        if (n.isEmpty()) {
            return NO_ANOMALY;
        }
        if (n.equals(p)) {
            return RIGHT;
        }
        if (n.containsAll(p)) {
            return EXTRA_CAUSE;
        }
        if (p.containsAll(n)) {
            return MISSED_CAUSE;
        }
        Outcome best = WRONG;
        for (Map<String, String> t : planted) {
            Outcome o = judge(t, named.get(0));
            best = o.ordinal() < best.ordinal() ? o : best;
        }
        return best == RIGHT ? WRONG : best;
    }

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
