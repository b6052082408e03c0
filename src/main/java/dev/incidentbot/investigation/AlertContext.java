package dev.incidentbot.investigation;

import java.time.Instant;
import java.util.Map;

/**
 * What an incident's alerts say about where to look: the labels its firing alerts share (which pick the log sources
 * and fill their queries) and since when they fire (the window's baseline is counted back from there).
 */
public record AlertContext(Map<String, String> labels, Instant firingSince) {
    public AlertContext {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** An incident declared by a person: no labels, counted from its declaration. */
    public static AlertContext none() {
        return new AlertContext(Map.of(), null);
    }

    public boolean hasLabels() {
        return !labels.isEmpty();
    }
}
