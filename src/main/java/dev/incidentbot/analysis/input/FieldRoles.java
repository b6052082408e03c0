package dev.incidentbot.analysis.input;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which field is the timestamp, the latency (and its unit), the outcome and which are dimensions, decided from
 * names and sampled values unless the options force them.
 *
 * @param timeField null when the log has none (record order is used)
 * @param latencyField null when the log has none (failures only)
 * @param latencyUnitMicros microseconds per unit of a bare number
 * @param latencyUnit how the unit was read, for the report
 * @param outcomeField null when none
 * @param failureValues outcome values of the sample taken as failures (or timeouts)
 * @param dimensions fields analysed as dimensions, in log order
 * @param ignored other fields and why they are not dimensions
 */
public record FieldRoles(String timeField, String latencyField, double latencyUnitMicros, String latencyUnit,
                         String outcomeField, List<String> failureValues, List<String> dimensions,
                         Map<String, String> ignored) {

    /** The same roles with the failure values seen in the whole input (the sample may not have met them all). */
    FieldRoles withFailureValues(java.util.Collection<String> values) {
        return new FieldRoles(timeField, latencyField, latencyUnitMicros, latencyUnit, outcomeField,
                List.copyOf(new TreeSet<>(values)), dimensions, ignored);
    }

    private static final List<String> TIME_NAMES = List.of("timestamp", "@timestamp", "time", "ts", "datetime",
            "date", "time_local", "eventtime", "event_time", "created_at", "start_time", "logged_at", "when");
    private static final Pattern LATENCY_NAME = Pattern.compile(
            ".*(latency|duration|response_?time|responsetime|elapsed|took|request_?time|upstream_response_time"
            + "|time_?ms|time_?taken|^rt$|^rtt$|^dur$|_ms$).*");
    private static final List<String> OUTCOME_NAMES = List.of("status", "status_code", "statuscode", "http_status",
            "httpstatus", "response_code", "code", "outcome", "result", "level", "severity", "loglevel",
            "success", "ok", "error", "failed", "timed_out", "timeout");
    private static final Pattern ID_NAME = Pattern.compile(
            "(.*[._-])?(id|ids|uuid|guid)$|.*(trace|span|request_?id|requestid|req_?id|correlation|session|"
            + "remote_addr|remote_ip|client_?ip|clientip|forwarded|user_?agent|useragent|referr?er|message|msg|"
            + "token|email|query|body|stack).*|^ip$|.*_ip$|^url$|^uri$|^user$|^userid$|^host_ip$");
    private static final Pattern ID_VALUE = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-.*|[0-9a-fA-F]{16,}|\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    /** Decides the roles from a sample; options win over detection. */
    static FieldRoles detect(Sample sample, InputOptions options) {
        Map<String, Sample.Column> cols = sample.columns;
        String time = options.timeField() != null ? options.timeField() : detectTime(cols);
        String latency = options.latencyField() != null ? options.latencyField() : detectLatency(cols, time);
        double unit = 1000;
        String unitNote = "none";
        if (latency != null) {
            Object[] u = latencyUnit(latency, cols.get(latency));
            unit = (double) u[0];
            unitNote = (String) u[1];
        }
        String outcome = options.outcomeField() != null ? options.outcomeField()
                : detectOutcome(cols, new HashSet<>(java.util.Arrays.asList(time, latency)));
        List<String> failures = new ArrayList<>();
        if (outcome != null && cols.containsKey(outcome)) {
            Set<String> seen = new TreeSet<>();
            for (String v : new HashSet<>(cols.get(outcome).values)) { // each distinct value classified once
                if (Values.classifyOutcome(v, outcome) != Values.OK) {
                    seen.add(v);
                }
            }
            failures.addAll(seen);
        }
        List<String> dims = new ArrayList<>();
        Map<String, String> ignored = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String f : new String[] {time, latency, outcome}) {
            if (f != null) {
                used.add(f);
            }
        }
        if (options.dimensions() != null) {
            for (String d : options.dimensions()) {
                if (!used.contains(d)) {
                    dims.add(d);
                }
            }
            for (String f : cols.keySet()) {
                if (!used.contains(f) && !dims.contains(f)) {
                    ignored.put(f, "not in --dimensions");
                }
            }
        } else {
            for (Map.Entry<String, Sample.Column> e : cols.entrySet()) {
                String f = e.getKey();
                if (used.contains(f)) {
                    continue;
                }
                String why = whyNotDimension(f, e.getValue(), sample.records);
                if (why == null) {
                    dims.add(f);
                } else {
                    ignored.put(f, why);
                }
            }
        }
        return new FieldRoles(time, latency, unit, unitNote, outcome, List.copyOf(failures), List.copyOf(dims),
                ignored);
    }

    private static String detectTime(Map<String, Sample.Column> cols) {
        String byValue = null;
        for (String name : TIME_NAMES) {
            for (String f : cols.keySet()) {
                if (leaf(f).equalsIgnoreCase(name) && parsesAsTime(cols.get(f), true)) {
                    return f;
                }
            }
        }
        for (Map.Entry<String, Sample.Column> e : cols.entrySet()) {
            if (parsesAsTime(e.getValue(), false)) {
                byValue = e.getKey();
                break;
            }
        }
        return byValue;
    }

    private static boolean parsesAsTime(Sample.Column c, boolean allowNumbers) {
        int ok = 0;
        for (int i = 0; i < c.values.size(); i++) {
            if (!allowNumbers && c.kinds.get(i) == FieldSink.NUMBER) {
                continue;
            }
            byte[] b = c.values.get(i).getBytes(StandardCharsets.UTF_8);
            if (Values.parseTime(b, 0, b.length) != Values.NO_TIME) {
                ok++;
            }
        }
        return ok > 0 && ok >= 0.8 * c.values.size();
    }

    private static String detectLatency(Map<String, Sample.Column> cols, String time) {
        for (Map.Entry<String, Sample.Column> e : cols.entrySet()) {
            String f = e.getKey();
            if (f.equals(time)) {
                continue;
            }
            String n = leaf(f).toLowerCase(Locale.ROOT);
            if (LATENCY_NAME.matcher(n).matches() && parsesAsLatency(e.getValue())) {
                return f;
            }
        }
        return null;
    }

    private static boolean parsesAsLatency(Sample.Column c) {
        int ok = 0;
        for (String v : c.values) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            if (Values.parseLatency(b, 0, b.length, 1000) != Values.NO_LATENCY) {
                ok++;
            }
        }
        return ok > 0 && ok >= 0.8 * c.values.size();
    }

    /** [microseconds per unit of a bare number, how it was decided]. */
    private static Object[] latencyUnit(String field, Sample.Column c) {
        String n = leaf(field);
        String low = n.toLowerCase(Locale.ROOT);
        if (low.endsWith("ms") || low.endsWith("millis") || low.endsWith("milliseconds")) {
            return new Object[] {1000.0, "ms (from the field name)"};
        }
        if (low.endsWith("_us") || n.endsWith("Us") || low.endsWith("micros") || low.endsWith("usec")) {
            return new Object[] {1.0, "µs (from the field name)"};
        }
        if (low.endsWith("_ns") || n.endsWith("Ns") || low.endsWith("nanos")) {
            return new Object[] {0.001, "ns (from the field name)"};
        }
        if (low.endsWith("_s") || low.endsWith("_sec") || low.endsWith("seconds") || n.endsWith("Sec")
                || n.endsWith("Seconds") || low.equals("request_time") || low.equals("upstream_response_time")
                || low.equals("rt")) {
            return new Object[] {1_000_000.0, "s (from the field name)"};
        }
        boolean units = false;
        boolean fraction = false;
        double max = 0;
        if (c != null) {
            for (String v : c.values) {
                String t = v.trim();
                if (!t.isEmpty() && Character.isLetter(t.charAt(t.length() - 1))) {
                    units = true;
                }
                if (t.indexOf('.') >= 0) {
                    fraction = true;
                }
                try {
                    max = Math.max(max, Double.parseDouble(t));
                } catch (NumberFormatException ex) {
                    // a value with a unit suffix
                }
            }
        }
        if (units) {
            return new Object[] {1000.0, "unit given with each value (bare numbers as ms)"};
        }
        if (fraction && max < 60) {
            return new Object[] {1_000_000.0, "s (fractional values under 60)"};
        }
        return new Object[] {1000.0, "ms (integer values)"};
    }

    private static String detectOutcome(Map<String, Sample.Column> cols, Set<String> used) {
        for (String name : OUTCOME_NAMES) {
            for (Map.Entry<String, Sample.Column> e : cols.entrySet()) {
                String f = e.getKey();
                if (!used.contains(f) && leaf(f).equalsIgnoreCase(name) && distinct(e.getValue()) <= 50) {
                    return f;
                }
            }
        }
        return null;
    }

    private static String whyNotDimension(String f, Sample.Column c, int records) {
        String low = leaf(f).toLowerCase(Locale.ROOT);
        if (ID_NAME.matcher(low).matches()) {
            return "an identifier (by name)";
        }
        if (TIME_NAMES.contains(low)) {
            return "named like a time but its values are not readable times";
        }
        int strings = 0;
        int idLike = 0;
        // a dimension repeats a few values: match each distinct one once (the regex runs interpreted this early)
        Map<String, Boolean> looksLikeId = new HashMap<>();
        for (int i = 0; i < c.values.size(); i++) {
            if (c.kinds.get(i) == FieldSink.STRING) {
                strings++;
                String v = c.values.get(i);
                Boolean id = looksLikeId.get(v);
                if (id == null) {
                    id = ID_VALUE.matcher(v).matches();
                    looksLikeId.put(v, id);
                }
                if (id) {
                    idLike++;
                }
            }
        }
        if (strings < 0.8 * c.values.size()) {
            return "numeric or boolean";
        }
        int distinct = distinct(c);
        if (idLike > 0.5 * strings && distinct > 20) {
            return "an identifier (values look like ids or addresses)";
        }
        if (distinct > 200 || (distinct > 20 && distinct > 0.3 * c.values.size())) {
            return "too many distinct values (" + distinct + " in " + c.values.size() + " records)";
        }
        return null;
    }

    private static int distinct(Sample.Column c) {
        return new HashSet<>(c.values).size();
    }

    private static String leaf(String f) {
        int dot = f.lastIndexOf('.');
        return dot >= 0 && dot < f.length() - 1 ? f.substring(dot + 1) : f;
    }
}
