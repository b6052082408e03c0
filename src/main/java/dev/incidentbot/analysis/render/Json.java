package dev.incidentbot.analysis.render;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** A minimal JSON writer (no Jackson on the analyze path, so the command starts fast). */
final class Json {
    private final StringBuilder sb = new StringBuilder(4096);
    private int indent;
    private boolean first = true;

    Json open() {
        sb.append('{');
        indent++;
        first = true;
        return this;
    }

    Json close() {
        indent--;
        newline();
        sb.append('}');
        first = false;
        return this;
    }

    Json openArray() {
        sb.append('[');
        indent++;
        first = true;
        return this;
    }

    Json closeArray() {
        indent--;
        newline();
        sb.append(']');
        first = false;
        return this;
    }

    /** Starts a member; the value is written next. */
    Json key(String k) {
        comma();
        str(k);
        sb.append(": ");
        first = true;
        return this;
    }

    /** Starts an array element. */
    Json item() {
        comma();
        first = true;
        return this;
    }

    private void comma() {
        if (!first) {
            sb.append(',');
        }
        newline();
        first = false;
    }

    private void newline() {
        sb.append('\n');
        for (int i = 0; i < indent; i++) {
            sb.append("  ");
        }
    }

    Json value(Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            str(s);
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Double d) {
            num(d);
        } else if (v instanceof Float fl) {
            num(fl.doubleValue());
        } else if (v instanceof Number n) {
            sb.append(n.longValue());
        } else if (v instanceof Map<?, ?> m) {
            open();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                key(String.valueOf(e.getKey())).value(e.getValue());
            }
            close();
        } else if (v instanceof Collection<?> c) {
            openArray();
            Iterator<?> it = c.iterator();
            while (it.hasNext()) {
                item().value(it.next());
            }
            closeArray();
        } else {
            str(v.toString());
        }
        first = false;
        return this;
    }

    Json field(String k, Object v) {
        return key(k).value(v);
    }

    private void num(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            sb.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append((long) d);
        } else {
            double r = Math.abs(d) >= 1 ? Math.round(d * 1000) / 1000.0 : fourSignificant(d);
            sb.append(r);
        }
    }

    private static double fourSignificant(double d) {
        if (d == 0) {
            return 0;
        }
        double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(d))));
        return Math.round(d * scale) / scale;
    }

    private void str(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        String hex = Integer.toHexString(c);
                        sb.append("\\u").append("0000", hex.length(), 4).append(hex);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
