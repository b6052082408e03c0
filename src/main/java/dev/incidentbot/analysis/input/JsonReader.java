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
                sink.begin();
                int r = sink.known(w.buf, w.pos, w.lim);
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
