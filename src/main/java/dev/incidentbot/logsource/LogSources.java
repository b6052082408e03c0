package dev.incidentbot.logsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sources of the {@code LOG_SOURCES} file: read once at start, checked whole (a bad file stops the start with
 * one line naming the file and every problem), and asked which sources fit an incident's alert labels.
 */
public final class LogSources {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> KNOWN = Set.of("name", "type", "match", "lookback", "path", "url", "query", "index",
            "timeField", "headers", "user", "password", "token", "apiKey", "tenant", "pageSize");

    private final List<LogSource> sources;

    public LogSources(List<LogSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** No sources: no automatic analysis. */
    public static LogSources none() {
        return new LogSources(List.of());
    }

    public List<LogSource> all() {
        return sources;
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** The sources whose {@code match} fits these alert labels, in file order. */
    public List<LogSource> matching(Map<String, String> labels) {
        return sources.stream().filter(s -> s.matches(labels)).toList();
    }

    /**
     * Reads and checks the file; {@code ${NAME}} in urls, paths, headers and credentials come from {@code env}.
     *
     * @throws IllegalArgumentException naming the file and every problem in it
     */
    public static LogSources load(Path file, Map<String, String> env, HttpClient http) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("LOG_SOURCES " + file + " cannot be read: " + oneLine(e));
        }
        List<String> problems = new ArrayList<>();
        List<SourceSpec> specs = parse(root, env, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("LOG_SOURCES " + file + ": " + String.join("; ", problems));
        }
        List<LogSource> built = new ArrayList<>();
        for (SourceSpec s : specs) {
            built.add(s.type().create(s, http));
        }
        return new LogSources(built);
    }

    static List<SourceSpec> parse(JsonNode root, Map<String, String> env, List<String> problems) {
        List<SourceSpec> specs = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("sources");
        if (list == null || !list.isArray()) {
            problems.add("expected a list under 'sources:'");
            return specs;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String where = "source " + (i + 1);
            if (!n.isObject()) {
                problems.add(where + " is not a mapping");
                continue;
            }
            String name = text(n, "name");
            if (name == null || name.isBlank()) {
                problems.add(where + " has no name");
                continue;
            }
            where = where + " (" + name + ")";
            if (!names.add(name)) {
                problems.add(where + ": the name is used twice");
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!KNOWN.contains(f)) {
                    problems.add(where + ": unknown field '" + f + "'");
                }
            }
            String typeText = text(n, "type");
            SourceType type = SourceType.parse(typeText);
            if (type == null) {
                problems.add(where + ": " + (typeText == null ? "no type" : "unknown type '" + typeText + "'")
                        + " (file, loki or elasticsearch)");
                continue;
            }
            int before = problems.size();
            for (String f : type.required()) {
                JsonNode v = n.get(f);
                if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
                    problems.add(where + ": a " + type.label() + " source needs '" + f + "'");
                }
            }
            // a query whose placeholders could let an alert's label change it is refused now, not at the first incident
            List<String> queryProblems = type == SourceType.LOKI && n.hasNonNull("query") ? LokiLogSource.problems(n.get("query"))
                    : type == SourceType.ELASTICSEARCH ? ElasticsearchLogSource.problems(n) : List.of();
            for (String p : queryProblems) {
                problems.add(where + ": " + p);
            }
            Duration lookback = null;
            if (n.hasNonNull("lookback")) {
                try {
                    lookback = Duration.parse(n.get("lookback").asText());
                    if (lookback.isNegative()) {
                        problems.add(where + ": lookback must not be negative");
                    }
                } catch (DateTimeParseException e) {
                    problems.add(where + ": lookback '" + n.get("lookback").asText() + "' is not an ISO-8601 duration such as PT30M");
                }
            }
            Map<String, String> match = stringMap(n.get("match"), where + ": match", problems, null);
            Map<String, String> headers = stringMap(n.get("headers"), where + ": headers", problems, env);
            String url = fill(text(n, "url"), env, where + ": url", problems);
            if (url != null) {
                try {
                    URI u = URI.create(url);
                    if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
                        problems.add(where + ": url is not an http(s) URL");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": url is not a URL");
                }
            }
            int pageSize = n.hasNonNull("pageSize") ? n.get("pageSize").asInt(-1) : 0;
            if (n.hasNonNull("pageSize") && (pageSize < 1 || pageSize > 10_000)) {
                problems.add(where + ": pageSize must be between 1 and 10000");
            }
            if (problems.size() > before) {
                continue;
            }
            specs.add(new SourceSpec(name, type, match, lookback, fill(text(n, "path"), env, where + ": path", problems),
                    url, n.get("query"), text(n, "index"), text(n, "timeField"), headers,
                    fill(text(n, "user"), env, where + ": user", problems),
                    fill(text(n, "password"), env, where + ": password", problems),
                    fill(text(n, "token"), env, where + ": token", problems),
                    fill(text(n, "apiKey"), env, where + ": apiKey", problems),
                    fill(text(n, "tenant"), env, where + ": tenant", problems), pageSize));
        }
        return specs;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static Map<String, String> stringMap(JsonNode n, String where, List<String> problems, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            problems.add(where + " must be a mapping of names to values");
            return out;
        }
        n.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problems.add(where + "." + e.getKey() + " must be a plain value");
            } else {
                String v = e.getValue().asText();
                out.put(e.getKey(), env == null ? v : fill(v, env, where + "." + e.getKey(), problems));
            }
        });
        return out;
    }

    /** Replaces {@code ${NAME}} with the environment variable; a missing one is a problem naming it (never its value). */
    static String fill(String value, Map<String, String> env, String where, List<String> problems) {
        if (value == null) {
            return null;
        }
        Matcher m = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null) {
                problems.add(where + " names ${" + m.group(1) + "}, which is not set in the environment");
                v = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
