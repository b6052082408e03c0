package dev.incidentbot.analysis.input;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** Guesses the log format from its first bytes, and refuses binary or blank input with a clear reason. */
final class Sniffer {
    /** The formats a reader exists for. */
    enum Kind {
        JSON("json"), NDJSON("ndjson"), LOGFMT("logfmt"), CSV("csv"), TSV("tsv"), ACCESS("access-log");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private static final Pattern LOGFMT = Pattern.compile("^\\s*[A-Za-z_@][\\w.@-]*=\\S*(\\s+[A-Za-z_@][\\w.@-]*=.*)+");

    private Sniffer() {
    }

    /** Up to max non-empty lines from the start of the text. */
    private static String[] firstLines(String text, int max) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int from = 0;
        while (out.size() < max && from < text.length()) {
            int nl = text.indexOf('\n', from);
            String line = nl < 0 ? text.substring(from) : text.substring(from, nl);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (!line.isBlank()) {
                out.add(line);
            }
            from = nl < 0 ? text.length() : nl + 1;
        }
        return out.toArray(new String[0]);
    }

    static Kind sniff(byte[] prefix, String forced, String name) throws UnreadableInputException {
        int controls = 0;
        boolean ascii = true;
        for (byte b : prefix) {
            if (b == 0) {
                throw new UnreadableInputException(name, "looks binary (NUL bytes), not a text log");
            }
            if (b < 32 && b != '\n' && b != '\r' && b != '\t') {
                if (b < 0) {
                    ascii = false;
                } else {
                    controls++;
                }
            }
        }
        if (controls > prefix.length / 20 + 1) {
            throw new UnreadableInputException(name, "looks binary (control bytes), not a text log");
        }
        String text = new String(prefix, StandardCharsets.UTF_8);
        int replaced = 0;
        // only non-ASCII bytes can decode to U+FFFD; this loop runs interpreted, 64K characters
        for (int i = 0; !ascii && i < text.length(); i++) {
            if (text.charAt(i) == 0xFFFD) {
                replaced++;
            }
        }
        if (replaced > prefix.length / 20 + 1) {
            throw new UnreadableInputException(name, "looks binary (not UTF-8 text), not a text log");
        }
        if (text.isBlank()) {
            throw new UnreadableInputException(name, "is empty");
        }
        if (forced != null) {
            return switch (forced.toLowerCase(Locale.ROOT)) {
                case "json", "json-array" -> Kind.JSON;
                case "ndjson", "jsonl", "jsonlines" -> Kind.NDJSON;
                case "logfmt" -> Kind.LOGFMT;
                case "csv" -> Kind.CSV;
                case "tsv" -> Kind.TSV;
                case "access", "access-log", "clf", "nginx", "apache", "combined" -> Kind.ACCESS;
                default -> throw new UnreadableInputException(name, "unknown --input-format " + forced
                        + " (json, ndjson, logfmt, csv, tsv, access)");
            };
        }
        String trimmed = text.stripLeading();
        String[] lines = firstLines(trimmed, 3);
        String first = lines.length == 0 ? "" : lines[0].trim();
        if (trimmed.startsWith("[")) {
            return Kind.JSON;
        }
        if (trimmed.startsWith("{")) {
            return first.endsWith("}") ? Kind.NDJSON : Kind.JSON;
        }
        if (LineReaders.ACCESS.matcher(first).matches()) {
            return Kind.ACCESS;
        }
        if (LOGFMT.matcher(first).matches()) {
            return Kind.LOGFMT;
        }
        if (lines.length >= 2) {
            for (char sep : new char[] {'\t', ','}) {
                int cols = LineReaders.splitDelimited(lines[0], sep).size();
                if (cols >= 2 && LineReaders.splitDelimited(lines[1], sep).size() == cols) {
                    return sep == '\t' ? Kind.TSV : Kind.CSV;
                }
            }
        }
        throw new UnreadableInputException(name, "no record recognised (not JSON, NDJSON, logfmt, CSV/TSV or an "
                + "access log)");
    }
}
