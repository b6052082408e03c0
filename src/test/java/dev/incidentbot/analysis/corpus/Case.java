package dev.incidentbot.analysis.corpus;

import java.util.Map;

/**
 * One generated log: what is planted, in which format and size, from which seed, and the root cause a correct
 * analyzer names (empty when nothing should be named).
 */
public record Case(Kind kind, Format format, int records, long seed, Map<String, String> truth) {
    public String name() {
        return kind.name().toLowerCase() + "-" + format.name().toLowerCase() + "-" + records + "-s" + seed;
    }

    @Override
    public String toString() {
        return name();
    }
}
