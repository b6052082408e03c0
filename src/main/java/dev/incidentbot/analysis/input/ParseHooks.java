package dev.incidentbot.analysis.input;

/**
 * What the analysis around the reader asks to happen while a file is parsed: the JIT measures of
 * analysis.tuning (the quick-compile directive, the warm-up) and the change point's fold. A port, so that data
 * and imports flow one way, from input to the stages after it; the defaults do nothing.
 */
public interface ParseHooks {
    /** No JIT measures and no fold: what tests of the reader alone use. */
    ParseHooks NONE = new ParseHooks() {
    };

    /**
     * For inputs large enough for the JIT choice to matter: wait false starts asking for quick compiles in the
     * background, wait true waits for that before the hot loops start.
     */
    default void quickCompiles(boolean wait) {
    }

    /** A parallel parse has stored its first chunks: its own loops are compiled, so other warm-up may start. */
    default void parseUnderway() {
    }

    /** The pass to fold into a parallel parse, for a log whose times probably lie in [lo, hi]; null for none. */
    default RowFold fold(long lo, long hi) {
        return null;
    }
}
