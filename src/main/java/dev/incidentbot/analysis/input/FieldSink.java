package dev.incidentbot.analysis.input;

/** Receives records field by field as byte ranges, so readers never need a String per field. */
public interface FieldSink {
    int STRING = 0;
    int NUMBER = 1;
    int BOOLEAN = 2;
    int NULL = 3;

    /** A new record starts; anything collected for an unfinished previous record is dropped. */
    void begin();

    /** One field: key bytes [ks, ke) of kb, value bytes [vs, ve) of vb, already unescaped; kind is STRING etc. */
    void field(byte[] kb, int ks, int ke, byte[] vb, int vs, int ve, int kind);

    /**
     * The key the next field most likely has (fields come in the same order on every line), as raw bytes free of
     * quotes and backslashes, or null when there is no such guess; a reader that finds exactly these bytes
     * followed by the closing quote reports the field with {@link #expectedField} instead of {@link #field}.
     */
    default byte[] expectedKey() {
        return null;
    }

    /** One field whose key is the one {@link #expectedKey()} returned just before. */
    default void expectedField(byte[] vb, int vs, int ve, int kind) {
        throw new UnsupportedOperationException("expectedKey() returned null");
    }

    /**
     * Reads the object starting at b[p] ('{') whole when the sink knows how records are laid out (see LineShape):
     * the position after its '}', or LineShape.MISS, after which the record starts afresh with FlatJson.
     */
    default int known(byte[] b, int p, int lim) {
        return LineShape.MISS;
    }

    /** FlatJson has just read the object b[s, e) field by field (known() missed). */
    default void flatRecord(byte[] b, int s, int e) {
    }

    /** The record is complete; returns false when the reader should stop (a sample is full). */
    boolean end();

    /** The record could not be parsed; reason is a short phrase counted in the report. */
    void skip(String reason);

    /** A record was accepted after a repair (e.g. a missing comma); reason is a short phrase. */
    void repaired(String reason);
}
