package dev.incidentbot.analysis.input;

/**
 * The fast path for one NDJSON line: a flat object of plain strings, numbers and literals, parsed by a method
 * small enough for the JIT to compile early; anything else goes to JsonScanner.
 */
final class FlatJson {
    private FlatJson() {
    }

    /** The object needs the general parser (nesting, arrays, escapes, repairs). */
    static final int GENERAL = -3;

    /**
     * The common case kept small so the JIT compiles it early: a flat object of plain strings, numbers and
     * literals. Returns the position after '}', JsonScanner.INCOMPLETE, or GENERAL for anything else.
     */
    static int flat(byte[] b, int p, int lim, FieldSink sink) {
        p++;
        while (true) {
            while (p < lim && b[p] <= ' ') {
                p++;
            }
            if (p >= lim) {
                return JsonScanner.INCOMPLETE;
            }
            if (b[p] != '"') {
                return b[p] == '}' ? p + 1 : GENERAL;
            }
            int ks = ++p;
            byte[] ek = sink.expectedKey();
            boolean expected = ek != null && ks + ek.length < lim && b[ks + ek.length] == '"'
                    && Bytes.same(ek, 0, b, ks, ek.length);
            if (expected) {
                p = ks + ek.length;
            } else {
                while (p < lim && b[p] != '"') {
                    if (b[p] == '\\') {
                        return GENERAL;
                    }
                    p++;
                }
            }
            int ke = p++;
            while (p < lim && b[p] <= ' ') {
                p++;
            }
            if (p >= lim) {
                return JsonScanner.INCOMPLETE;
            }
            if (b[p++] != ':') {
                return GENERAL;
            }
            while (p < lim && b[p] <= ' ') {
                p++;
            }
            if (p >= lim) {
                return JsonScanner.INCOMPLETE;
            }
            byte c = b[p];
            if (c == '"') {
                int vs = ++p;
                p = Bytes.quoteOrEscape(b, p, lim);
                if (p >= lim) {
                    return JsonScanner.INCOMPLETE;
                }
                if (b[p] == '\\') {
                    return GENERAL;
                }
                if (expected) {
                    sink.expectedField(b, vs, p, FieldSink.STRING);
                } else {
                    sink.field(b, ks, ke, b, vs, p, FieldSink.STRING);
                }
                p++;
            } else if (c == '{' || c == '[') {
                return GENERAL;
            } else {
                int vs = p;
                while (p < lim && b[p] != ',' && b[p] != '}' && b[p] > ' ') {
                    p++;
                }
                if (p >= lim) {
                    return JsonScanner.INCOMPLETE;
                }
                if (p == vs) {
                    return GENERAL;
                }
                if (c != 'n') {
                    int kind = c == 't' || c == 'f' ? FieldSink.BOOLEAN : FieldSink.NUMBER;
                    if (expected) {
                        sink.expectedField(b, vs, p, kind);
                    } else {
                        sink.field(b, ks, ke, b, vs, p, kind);
                    }
                }
            }
            while (p < lim && b[p] <= ' ') {
                p++;
            }
            if (p >= lim) {
                return JsonScanner.INCOMPLETE;
            }
            c = b[p++];
            if (c == '}') {
                return p;
            }
            if (c != ',') {
                return GENERAL;
            }
        }
    }

}
