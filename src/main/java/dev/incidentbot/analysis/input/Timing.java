package dev.incidentbot.analysis.input;

/** Stage timings on stderr when INCIDENT_BOT_TIMING is set, to see where a slow analysis spends its time. */
public final class Timing {
    private static final boolean ON = System.getenv("INCIDENT_BOT_TIMING") != null;

    private Timing() {
    }

    /** Prints the time since t0 under a label and returns now. */
    public static long mark(String label, long t0) {
        long now = System.nanoTime();
        if (ON) {
            System.err.printf("timing: %-22s %6.1f ms%n", label, (now - t0) / 1e6);
        }
        return now;
    }
}
