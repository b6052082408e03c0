package dev.incidentbot.alert;

import java.util.ArrayList;
import java.util.List;

/** What one webhook delivery did: returned to the sender as JSON, so a re-delivery visibly changes nothing. */
public record IntakeResult(int received, int duplicates, int changed, List<String> declared, List<String> attached,
                           List<String> resolved, int compact) {

    /** Collects the outcome group by group. */
    static final class Builder {
        int received;
        int duplicates;
        int changed;
        final List<String> declared = new ArrayList<>();
        final List<String> attached = new ArrayList<>();
        final List<String> resolved = new ArrayList<>();
        int compact;

        IntakeResult build() {
            return new IntakeResult(received, duplicates, changed, List.copyOf(declared), List.copyOf(attached),
                    List.copyOf(resolved), compact);
        }
    }
}
