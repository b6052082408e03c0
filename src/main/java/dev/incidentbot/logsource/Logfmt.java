package dev.incidentbot.logsource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/** A strict logfmt reader: a line is logfmt only when every token is {@code key=value} ({@code key="quoted"} too). */
final class Logfmt {
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private Logfmt() {
    }

    /** The pairs as an object of strings, or null when the line is not wholly logfmt (then it is kept as a message). */
    static ObjectNode parse(String line) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int keyStart = i;
            while (i < n && line.charAt(i) != '=' && line.charAt(i) != ' ' && line.charAt(i) != '"') {
                i++;
            }
            // a bare word ("GET /x") means prose, not logfmt: requiring '=' keeps plain lines as messages
            if (i == keyStart || i >= n || line.charAt(i) != '=') {
                return null;
            }
            String key = line.substring(keyStart, i);
            i++;
            StringBuilder value = new StringBuilder();
            boolean quoted = i < n && line.charAt(i) == '"';
            if (quoted) {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        char e = line.charAt(i + 1);
                        value.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> e;
                        });
                        i += 2;
                    } else if (c == '"') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        value.append(c);
                        i++;
                    }
                }
                if (!closed || i < n && line.charAt(i) != ' ') {
                    return null;
                }
            } else {
                while (i < n && line.charAt(i) != ' ') {
                    if (line.charAt(i) == '"') {
                        return null;
                    }
                    value.append(line.charAt(i++));
                }
            }
            if (quoted || !NUMBER.matcher(value).matches()) {
                r.put(key, value.toString());
            } else {
                // an unquoted number (latency_ms=182) stays a number, as it would be in a JSON log
                r.put(key, new java.math.BigDecimal(value.toString()));
            }
        }
        return r.isEmpty() ? null : r;
    }
}
