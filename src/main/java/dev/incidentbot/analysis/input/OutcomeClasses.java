package dev.incidentbot.analysis.input;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome class (OK, error, timeout) of each distinct outcome value a builder meets, classified once per value
 * and found again through a small cache, since a log repeats a handful of outcome values on every line.
 */
final class OutcomeClasses {
    private final String field;
    private final ByteDict dict = new ByteDict();
    private final ValueCache cache = new ValueCache();
    private byte[] classes = new byte[16];

    /** field: the outcome field's name, which decides what true and false mean. */
    OutcomeClasses(String field) {
        this.field = field;
    }

    /** The class of the value b[s, e). */
    byte of(byte[] b, int s, int e) {
        int cached = cache.get(b, s, e);
        if (cached >= 0) {
            return (byte) cached;
        }
        byte cls = classOf(b, s, e);
        cache.put(b, s, e, cls);
        return cls;
    }

    private byte classOf(byte[] b, int s, int e) {
        int code = dict.find(b, s, e);
        if (code < 0) {
            if (dict.size() >= 1000) {
                return Values.classifyOutcome(new String(b, s, e - s, StandardCharsets.UTF_8), field);
            }
            code = dict.code(b, s, e);
            if (code >= classes.length) {
                classes = Arrays.copyOf(classes, classes.length * 2);
            }
            classes[code] = Values.classifyOutcome(dict.string(code), field);
        }
        return classes[code];
    }

    /** Values met so far classified as failures or timeouts. */
    List<String> failureValues() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < dict.size(); c++) {
            if (classes[c] == Values.ERROR || classes[c] == Values.TIMEOUT) {
                out.add(dict.string(c));
            }
        }
        return out;
    }
}
