package dev.incidentbot.analysis.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Line-oriented formats (logfmt, CSV/TSV with a header, nginx/Apache access logs), one record per line. */
final class LineReaders {
    private LineReaders() {
    }

    /** Calls back with each non-blank line; returns when the input ends or the callback returns false. */
    interface LineHandler {
        boolean line(String line) throws IOException;
    }

    static void lines(ByteWindow w, LineHandler handler) throws IOException {
        while (true) {
            int start = w.pos;
            int nl = -1;
            for (int i = start; i < w.lim; i++) {
                if (w.buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl < 0) {
                if (w.refill(start) >= 0) {
                    continue;
                }
                if (w.pos < w.lim) { // last line without a newline
                    String last = new String(w.buf, w.pos, w.lim - w.pos, StandardCharsets.UTF_8);
                    w.pos = w.lim;
                    if (!last.isBlank()) {
                        handler.line(strip(last));
                    }
                }
                return;
            }
            String line = new String(w.buf, start, nl - start, StandardCharsets.UTF_8);
            w.pos = nl + 1;
            if (!line.isBlank() && !handler.line(strip(line))) {
                return;
            }
        }
    }

    private static String strip(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    static void emit(FieldSink sink, String key, String value, boolean quoted) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        int kind = quoted ? FieldSink.STRING : kindOf(value);
        sink.field(k, 0, k.length, v, 0, v.length, kind);
    }

    static int kindOf(String v) {
        if (v.equals("true") || v.equals("false")) {
            return FieldSink.BOOLEAN;
        }
        if (!v.isEmpty() && isNumber(v)) {
            return FieldSink.NUMBER;
        }
        return FieldSink.STRING;
    }

    /**
     * A decimal number: sign, digits with at most one point, an optional exponent. A dotted version such as
     * 2.3.9 is not one, so it stays a dimension (logfmt and CSV write versions unquoted).
     */
    static boolean isNumber(String v) {
        int i = v.charAt(0) == '-' || v.charAt(0) == '+' ? 1 : 0;
        boolean digit = false;
        boolean point = false;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !point) {
                point = true;
            } else if ((c == 'e' || c == 'E') && digit) {
                return exponent(v, i + 1);
            } else {
                return false;
            }
        }
        return digit;
    }

    private static boolean exponent(String v, int i) {
        if (i < v.length() && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
            i++;
        }
        if (i >= v.length()) {
            return false;
        }
        for (; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    // ---- logfmt -------------------------------------------------------------------------------------------

    static void logfmt(ByteWindow w, FieldSink sink) throws IOException {
        lines(w, line -> {
            List<String[]> pairs = logfmtPairs(line, 0);
            if (pairs.isEmpty()) {
                sink.skip("line without key=value pairs");
                return true;
            }
            sink.begin();
            for (String[] p : pairs) {
                emit(sink, p[0], p[1], p[2] != null);
            }
            return sink.end();
        });
    }

    /** key=value pairs from position from on; a value may be "quoted with \" escapes"; [2] non-null when quoted. */
    static List<String[]> logfmtPairs(String line, int from) {
        List<String[]> out = new ArrayList<>();
        int i = from;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            int ks = i;
            while (i < n && line.charAt(i) != '=' && line.charAt(i) != ' ') {
                i++;
            }
            if (i >= n || line.charAt(i) != '=') {
                continue; // a bare word: ignore
            }
            String key = line.substring(ks, i);
            i++;
            String value;
            boolean quoted = false;
            if (i < n && line.charAt(i) == '"') {
                quoted = true;
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && line.charAt(i) != '"') {
                    if (line.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    sb.append(line.charAt(i++));
                }
                i++;
                value = sb.toString();
            } else {
                int vs = i;
                while (i < n && line.charAt(i) != ' ') {
                    i++;
                }
                value = line.substring(vs, i);
            }
            if (!key.isEmpty()) {
                out.add(new String[] {key, value, quoted ? "q" : null});
            }
        }
        return out;
    }

    // ---- CSV / TSV ----------------------------------------------------------------------------------------

    static void delimited(ByteWindow w, FieldSink sink, char sep) throws IOException {
        String[][] header = new String[1][];
        lines(w, line -> {
            List<String> cells = splitDelimited(line, sep);
            if (header[0] == null) {
                header[0] = cells.toArray(new String[0]);
                return true;
            }
            if (cells.size() != header[0].length) {
                sink.skip("row with " + cells.size() + " columns, header has " + header[0].length);
                return true;
            }
            sink.begin();
            for (int i = 0; i < cells.size(); i++) {
                String v = cells.get(i);
                if (!v.isEmpty()) {
                    emit(sink, header[0][i], v, false);
                }
            }
            return sink.end();
        });
    }

    static List<String> splitDelimited(String line, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.length() == 0) {
                inQuotes = true;
            } else if (c == sep) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }

    // ---- nginx / Apache common and combined log format -----------------------------------------------------

    /** host ident user [time] "request" status bytes ["referer" "agent"] [extras: a bare number or key=value]. */
    static final Pattern ACCESS = Pattern.compile(
            "^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] \"([^\"]*)\" (\\d{3}|-) (\\d+|-)(?: \"([^\"]*)\" \"([^\"]*)\")?(.*)$");

    static void access(ByteWindow w, FieldSink sink) throws IOException {
        lines(w, line -> {
            Matcher m = ACCESS.matcher(line);
            if (!m.matches()) {
                sink.skip("line that is not in access-log format");
                return true;
            }
            sink.begin();
            emit(sink, "remote_addr", m.group(1), true);
            emit(sink, "time_local", m.group(4), true);
            String[] req = m.group(5).split(" ");
            if (req.length >= 2) {
                emit(sink, "method", req[0], true);
                String path = req[1];
                int q = path.indexOf('?');
                emit(sink, "path", q >= 0 ? path.substring(0, q) : path, true);
            }
            if (!m.group(6).equals("-")) {
                emit(sink, "status", m.group(6), false);
            }
            if (m.group(9) != null) {
                emit(sink, "http_user_agent", m.group(9), true);
            }
            String rest = m.group(10).trim();
            if (!rest.isEmpty()) {
                int firstSpace = rest.indexOf(' ');
                String first = firstSpace < 0 ? rest : rest.substring(0, firstSpace);
                if (first.indexOf('=') < 0 && isNumber(first)) {
                    emit(sink, "request_time", first, false); // nginx $request_time: seconds
                }
                for (String[] p : logfmtPairs(rest, 0)) {
                    emit(sink, p[0], p[1], p[2] != null && !isNumber(p[1]));
                }
            }
            return sink.end();
        });
    }
}
