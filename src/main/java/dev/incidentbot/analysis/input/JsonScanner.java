package dev.incidentbot.analysis.input;

import java.nio.charset.StandardCharsets;

/**
 * Parses one JSON object from bytes in place and hands its scalar fields to a sink, naming nested fields by
 * dotted path; tolerant of a missing comma between members.
 */
final class JsonScanner {
    static final int INCOMPLETE = -1;
    static final int MALFORMED = -2;

    private byte[] path = new byte[128];
    private byte[] str = new byte[128];
    /** Set when the last object needed a repair inside it (a missing comma between members). */
    boolean repairedMember;

    /** Parses the object starting at b[p] == '{'; returns the position after '}', INCOMPLETE or MALFORMED. */
    int parseObject(byte[] b, int p, int lim, FieldSink sink) {
        repairedMember = false;
        return members(b, p + 1, lim, sink, 0, 0);
    }

    private int members(byte[] b, int p, int lim, FieldSink sink, int pathLen, int depth) {
        if (depth > 32) {
            return MALFORMED;
        }
        boolean first = true;
        while (true) {
            p = ws(b, p, lim);
            if (p >= lim) {
                return INCOMPLETE;
            }
            byte c = b[p];
            if (c == '}') {
                return p + 1;
            }
            if (c == ',') {
                p = ws(b, p + 1, lim);
                if (p >= lim) {
                    return INCOMPLETE;
                }
                c = b[p];
                if (c == '}') {
                    return p + 1; // trailing comma: harmless
                }
            } else if (!first) {
                repairedMember = true; // "a":1 "b":2 — a missing comma between members
            }
            first = false;
            if (c != '"') {
                return MALFORMED;
            }
            // key
            int ks = p + 1;
            int ke = ks;
            boolean esc = false;
            while (true) {
                if (ke >= lim) {
                    return INCOMPLETE;
                }
                byte k = b[ke];
                if (k == '"') {
                    break;
                }
                if (k == '\\') {
                    esc = true;
                    ke++;
                } else if (k == '\n') {
                    return MALFORMED;
                }
                ke++;
            }
            p = ws(b, ke + 1, lim);
            if (p >= lim) {
                return INCOMPLETE;
            }
            if (b[p] != ':') {
                return MALFORMED;
            }
            p = ws(b, p + 1, lim);
            if (p >= lim) {
                return INCOMPLETE;
            }
            byte[] kb = b;
            int kStart = ks;
            int kEnd = ke;
            if (pathLen > 0 || esc) {
                String key = esc ? unescape(b, ks, ke) : null;
                byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
                int klen = keyBytes == null ? ke - ks : keyBytes.length;
                ensurePath(pathLen + klen + 1);
                if (keyBytes == null) {
                    System.arraycopy(b, ks, path, pathLen, klen);
                } else {
                    System.arraycopy(keyBytes, 0, path, pathLen, klen);
                }
                kb = path;
                kStart = 0;
                kEnd = pathLen + klen;
            }
            c = b[p];
            if (c == '"') {
                int vs = p + 1;
                int ve = vs;
                boolean vesc = false;
                while (true) {
                    if (ve >= lim) {
                        return INCOMPLETE;
                    }
                    byte v = b[ve];
                    if (v == '"') {
                        break;
                    }
                    if (v == '\\') {
                        vesc = true;
                        ve++;
                    }
                    ve++;
                }
                if (vesc) {
                    byte[] u = unescape(b, vs, ve).getBytes(StandardCharsets.UTF_8);
                    ensureStr(u.length);
                    System.arraycopy(u, 0, str, 0, u.length);
                    sink.field(kb, kStart, kEnd, str, 0, u.length, FieldSink.STRING);
                } else {
                    sink.field(kb, kStart, kEnd, b, vs, ve, FieldSink.STRING);
                }
                p = ve + 1;
            } else if (c == '{') {
                // nested object: its fields are named "key.sub"; the path buffer holds the prefix
                int newLen = kEnd - kStart;
                if (kb != path) {
                    ensurePath(newLen + 1);
                    System.arraycopy(b, kStart, path, 0, newLen);
                }
                ensurePath(newLen + 1);
                path[newLen] = '.';
                int r = members(b, p + 1, lim, sink, newLen + 1, depth + 1);
                if (r < 0) {
                    return r;
                }
                p = r;
            } else if (c == '[') {
                int r = skipValue(b, p, lim, 0);
                if (r < 0) {
                    return r;
                }
                p = r;
            } else {
                int ve = p;
                while (ve < lim) {
                    byte v = b[ve];
                    if (v == ',' || v == '}' || v == ']' || v <= ' ') {
                        break;
                    }
                    ve++;
                }
                if (ve >= lim) {
                    return INCOMPLETE;
                }
                if (ve == p) {
                    return MALFORMED;
                }
                int kind = c == 't' || c == 'f' ? FieldSink.BOOLEAN : c == 'n' ? FieldSink.NULL : FieldSink.NUMBER;
                if (kind != FieldSink.NULL) {
                    sink.field(kb, kStart, kEnd, b, p, ve, kind);
                }
                p = ve;
            }
        }
    }

    /** Skips an array or object (arrays are not analysed); returns the position after it. */
    private static int skipValue(byte[] b, int p, int lim, int unused) {
        int depth = 0;
        while (p < lim) {
            byte c = b[p];
            if (c == '"') {
                p++;
                while (p < lim && b[p] != '"') {
                    if (b[p] == '\\') {
                        p++;
                    }
                    p++;
                }
                if (p >= lim) {
                    return INCOMPLETE;
                }
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return p + 1;
                }
            }
            p++;
        }
        return INCOMPLETE;
    }

    static int ws(byte[] b, int p, int lim) {
        while (p < lim) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return p;
            }
            p++;
        }
        return p;
    }

    private void ensurePath(int n) {
        if (path.length < n) {
            byte[] bigger = new byte[Math.max(n, path.length * 2)];
            System.arraycopy(path, 0, bigger, 0, path.length);
            path = bigger;
        }
    }

    private void ensureStr(int n) {
        if (str.length < n) {
            str = new byte[Math.max(n, str.length * 2)];
        }
    }

    static String unescape(byte[] b, int s, int e) {
        String raw = new String(b, s, e - s, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                sb.append(c);
                continue;
            }
            char n = raw.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (i + 4 < raw.length()) {
                        try {
                            sb.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                        } catch (NumberFormatException ex) {
                            sb.append('?');
                        }
                        i += 4;
                    }
                }
                default -> sb.append(n);
            }
        }
        return sb.toString();
    }
}
