package dev.incidentbot.analysis.tuning;

/**
 * The analysis's JIT and warm-up measures as the rest of the analysis calls them (see package-info for what each
 * buys and how it was measured); JitHint and Warmup stay package-private behind it.
 */
public final class Tuning {
    private Tuning() {
    }

    /**
     * For the reader, on inputs large enough for the JIT choice to matter: false starts adding the quick-compile
     * directive in the background, true waits for it before the hot loops start.
     */
    public static void quickCompiles(boolean wait) {
        if (wait) {
            JitHint.await();
        } else {
            JitHint.start();
        }
    }

    /** For the parallel parse, once its own loops are compiled: starts the warm-up (see JitHint.warmUp). */
    public static void parseUnderway() {
        JitHint.warmUp();
    }

    /** The analysis proper starts: a warm-up still running stops at its next call. */
    public static void analysisStarts() {
        Warmup.stop();
    }

    /**
     * For a one-shot process (the analyze command) once the analysis is done: if the JIT hint was used, no more
     * optimising compiles, so none is still running when the process exits (see JitHint.lastCompiles). Never for
     * the bot, which keeps running.
     */
    public static void endOfProcess() {
        JitHint.lastCompiles();
    }
}
