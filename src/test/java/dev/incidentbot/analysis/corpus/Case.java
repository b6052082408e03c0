package dev.incidentbot.analysis.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One generated log: what is planted, in which format and size, from which seed, and the root cause a correct
 * analyzer names (empty when nothing should be named), with the further causes it names beside it (MULTI).
 */
public record Case(Kind kind, Format format, int records, long seed, Map<String, String> truth,
                   List<Map<String, String>> further) {
    /** A case with at most one cause. */
    public Case(Kind kind, Format format, int records, long seed, Map<String, String> truth) {
        this(kind, format, records, seed, truth, List.of());
    }

    /** Every planted cause, the truth first; empty when nothing is planted. */
    public List<Map<String, String>> causes() {
        List<Map<String, String>> out = new ArrayList<>();
        if (!truth.isEmpty()) {
            out.add(truth);
        }
        out.addAll(further);
        return out;
    }

    public String name() {
        return kind.name().toLowerCase() + "-" + format.name().toLowerCase() + "-" + records + "-s" + seed;
    }

    @Override
    public String toString() {
        return name();
    }
}
