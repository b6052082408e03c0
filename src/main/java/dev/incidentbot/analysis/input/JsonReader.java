package dev.incidentbot.analysis.input;

import java.io.IOException;

/**
 * Reads a JSON array, NDJSON or a stream of concatenated objects, recovering from what breaks strict parsers:
 * missing commas between objects, objects broken across lines, garbage lines.
 */
final class JsonReader {
    private JsonReader() {
    }

    /** Streams every top-level object of the window to the sink until the end or until the sink says stop. */
    static void read(ByteWindow w, FieldSink sink) throws IOException {
        JsonScanner scanner = new JsonScanner();
        boolean inArray = false;
        boolean comma = false;
        boolean started = false;
        long objects = 0;
        boolean inGarbage = false;
        while (true) {
            if (w.pos >= w.lim) {
                if (w.refill(w.pos) < 0) {
                    return;
                }
                continue;
            }
            byte c = w.buf[w.pos];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                w.pos++;
                continue;
            }
            if (c == '[' && !started) {
                inArray = true;
                started = true;
                w.pos++;
                continue;
            }
            started = true;
            if (c == ',') {
                comma = true;
                w.pos++;
                continue;
            }
            if (c == ']') {
                w.pos++;
                continue;
            }
            if (c == '{') {
                inGarbage = false;
                int known = inArray ? 0 : knownRecords(w, sink);
                if (known < 0) {
                    return;
                }
                if (known > 0) {
                    comma = false;
                    objects += known;
                    continue;
                }
                // the sink does not know this record's layout (known() has already missed, and reset it)
                sink.begin();
                int r = LineShape.MISS;
                if (inArray) {
                    r = sink.known(w.buf, w.pos, w.lim);
                }
                if (r == LineShape.MISS) {
                    r = FlatJson.flat(w.buf, w.pos, w.lim, sink);
                    if (r >= 0) {
                        sink.flatRecord(w.buf, w.pos, r);
                    }
                }
                if (r == FlatJson.GENERAL) {
                    sink.begin();
                    r = scanner.parseObject(w.buf, w.pos, w.lim, sink);
                } else {
                    scanner.repairedMember = false;
                }
                if (r == JsonScanner.INCOMPLETE) {
                    if (w.refill(w.pos) < 0) {
                        sink.skip("truncated object at end of input");
                        return;
                    }
                    continue;
                }
                if (r == JsonScanner.MALFORMED) {
                    sink.skip("malformed JSON object");
                    skipLine(w);
                    continue;
                }
                w.pos = r;
                if (inArray && objects > 0 && !comma) {
                    sink.repaired("missing comma between objects");
                } else if (scanner.repairedMember) {
                    sink.repaired("missing comma between fields");
                }
                comma = false;
                objects++;
                if (!sink.end()) {
                    return;
                }
                continue;
            }
            // Anything else is not JSON: skip the line, counting a run of such lines once.
            if (!inGarbage) {
                sink.skip("text that is not a JSON object");
                inGarbage = true;
            }
            skipLine(w);
        }
    }

    /** Records per call of knownRecords. */
    private static final int BATCH = 64;

    /**
     * Reads up to BATCH consecutive NDJSON records from w.pos ('{') that the sink reads whole (FieldSink.known),
     * with the whitespace between them; returns how many, 0 when the first one missed, -1 when the sink said stop.
     *
     * <p>A method called every few records because HotSpot replaces a method's profiled code only after enough
     * calls: read() is called once per chunk, so its loop ran in profiled (tier 3) code for the whole parse, which
     * the JIT hint then never replaced (measured: 6.5 ms per 4 MB chunk instead of 4.7 ms).
     */
    private static int knownRecords(ByteWindow w, FieldSink sink) {
        byte[] b = w.buf;
        int p = w.pos;
        int lim = w.lim;
        int n = 0;
        while (n < BATCH) {
            byte c;
            while (p < lim && ((c = b[p]) == '\n' || c == ' ' || c == '\r' || c == '\t')) {
                p++;
            }
            if (p >= lim || b[p] != '{') {
                break;
            }
            sink.begin();
            int r = sink.known(b, p, lim);
            if (r < 0) {
                break;
            }
            p = r;
            n++;
            if (!sink.end()) {
                w.pos = p;
                return -1;
            }
        }
        w.pos = p;
        return n;
    }

    private static void skipLine(ByteWindow w) throws IOException {
        while (true) {
            while (w.pos < w.lim) {
                if (w.buf[w.pos++] == '\n') {
                    return;
                }
            }
            if (w.refill(w.pos) < 0) {
                return;
            }
        }
    }
}
