package dev.incidentbot.logsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns one Loki entry into the JSON object the analyzer reads: the line's own fields, its stream's labels, a time. */
final class LokiRecord {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names the analyzer takes for a record's time; a record with one of them keeps its own. */
    private static final Set<String> TIME_NAMES = Set.of("timestamp", "@timestamp", "time", "ts", "datetime", "date",
            "eventtime", "event_time");

    private LokiRecord() {
    }

    static ObjectNode of(LokiPage.Entry e) {
        ObjectNode r = parseLine(e.line());
        for (Map.Entry<String, String> l : e.stream().entrySet()) {
            if (!r.has(l.getKey())) { // the line's own field wins over a stream label of the same name
                r.put(l.getKey(), l.getValue());
            }
        }
        if (!hasTime(r)) {
            r.put("timestamp", iso(e.ns()));
        }
        return r;
    }

    /** A JSON object line as is, a logfmt line as an object of its pairs, anything else as {@code {"message": line}}. */
    static ObjectNode parseLine(String line) {
        String t = line.strip();
        if (t.startsWith("{")) {
            try {
                JsonNode n = JSON.readTree(t);
                if (n != null && n.isObject()) {
                    return (ObjectNode) n;
                }
            } catch (IOException e) {
                // not JSON after all: try the other shapes
            }
        }
        ObjectNode logfmt = Logfmt.parse(t);
        if (logfmt != null) {
            return logfmt;
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("message", line);
        return r;
    }

    private static boolean hasTime(ObjectNode r) {
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            if (TIME_NAMES.contains(it.next().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** ISO-8601 UTC with as many fraction digits as the nanoseconds need. */
    static String iso(long ns) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)).toString();
    }
}
