package dev.incidentbot.alert;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.incidentbot.incident.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps an alert to a severity, says which severities open an incident, and which runbook an alert gets.
 * Defaults follow the seed policy; a YAML or JSON file (setting {@code ALERT_RULES}) can replace any part.
 *
 * <p>Order: the first matching {@code rules} entry; else the {@code severity} label looked up in {@code severities};
 * else the label read as a severity word (sev2, high, p1…); else {@code default}.
 */
public final class SeverityRules {
    /** label value → severity when no file says otherwise. */
    public static final Map<String, Severity> DEFAULT_SEVERITIES = defaultSeverities();
    /** At most one post per alert group per this long. */
    public static final Duration DEFAULT_STORM_WINDOW = Duration.ofSeconds(3);

    private final Severity threshold;
    private final String severityLabel;
    private final Map<String, Severity> severities;
    private final Severity fallback;
    private final List<Rule> rules;
    private final List<Runbook> runbooks;
    private final Duration stormWindow;

    /** An explicit rule: alerts whose labels match get this severity. */
    public record Rule(LabelMatcher match, Severity severity) {
    }

    /** The rules file as written; every field optional. */
    record File(String threshold, String severityLabel, Map<String, String> severities, String defaultSeverity,
                List<RuleEntry> rules, List<RunbookEntry> runbooks, String stormWindow) {
    }

    record RuleEntry(Map<String, String> match, String severity) {
    }

    record RunbookEntry(String name, Map<String, String> match, String url, List<String> steps) {
    }

    public SeverityRules(Severity threshold, String severityLabel, Map<String, Severity> severities, Severity fallback,
                         List<Rule> rules, List<Runbook> runbooks, Duration stormWindow) {
        this.threshold = threshold;
        this.severityLabel = severityLabel;
        this.severities = Map.copyOf(severities);
        this.fallback = fallback;
        this.rules = List.copyOf(rules);
        this.runbooks = List.copyOf(runbooks);
        this.stormWindow = stormWindow;
    }

    public static SeverityRules defaults() {
        return new SeverityRules(Severity.SEV2, "severity", DEFAULT_SEVERITIES, Severity.SEV3, List.of(), Runbook.seed(),
                DEFAULT_STORM_WINDOW);
    }

    /** Reads a rules file (.json as JSON, anything else as YAML); the exception names the file and the bad entry. */
    public static SeverityRules load(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("ALERT_RULES file " + path + " cannot be read: " + e.getMessage());
        }
        try {
            return parse(text, path.toString().toLowerCase(Locale.ROOT).endsWith(".json"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ALERT_RULES file " + path + ": " + e.getMessage());
        }
    }

    static SeverityRules parse(String text, boolean json) {
        ObjectMapper mapper = (json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory()))
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        File f;
        try {
            f = mapper.readValue(text, File.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage().split("\n")[0]
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (f == null) {
            return defaults();
        }
        Severity threshold = f.threshold() == null ? Severity.SEV2 : severity(f.threshold(), "threshold");
        Map<String, Severity> severities = DEFAULT_SEVERITIES;
        if (f.severities() != null) {
            severities = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : f.severities().entrySet()) {
                severities.put(e.getKey().toLowerCase(Locale.ROOT), severity(e.getValue(), "severities." + e.getKey()));
            }
        }
        Severity fallback = f.defaultSeverity() == null ? Severity.SEV3 : severity(f.defaultSeverity(), "defaultSeverity");
        List<Rule> rules = new ArrayList<>();
        if (f.rules() != null) {
            for (int i = 0; i < f.rules().size(); i++) {
                RuleEntry r = f.rules().get(i);
                rules.add(new Rule(LabelMatcher.compile(r.match(), "rules[" + i + "]"), severity(r.severity(), "rules[" + i + "].severity")));
            }
        }
        List<Runbook> runbooks = Runbook.seed();
        if (f.runbooks() != null) {
            runbooks = new ArrayList<>();
            for (int i = 0; i < f.runbooks().size(); i++) {
                RunbookEntry r = f.runbooks().get(i);
                if (r.name() == null || r.name().isBlank()) {
                    throw new IllegalArgumentException("runbooks[" + i + "].name is missing");
                }
                runbooks.add(new Runbook(r.name(), LabelMatcher.compile(r.match(), "runbooks[" + i + "]"), r.url(),
                        r.steps() == null ? List.of() : r.steps()));
            }
        }
        String label = f.severityLabel() == null ? "severity" : f.severityLabel();
        Duration window = DEFAULT_STORM_WINDOW;
        if (f.stormWindow() != null) {
            try {
                window = Duration.parse(f.stormWindow());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("stormWindow is '" + f.stormWindow() + "', not an ISO-8601 duration such as PT3S");
            }
            if (window.isNegative()) {
                throw new IllegalArgumentException("stormWindow must not be negative");
            }
        }
        return new SeverityRules(threshold, label, severities, fallback, rules, runbooks, window);
    }

    private static Severity severity(String raw, String where) {
        Severity s = Severity.tryParse(raw);
        if (s == null) {
            throw new IllegalArgumentException(where + " is '" + raw + "', not a severity (SEV1..SEV4)");
        }
        return s;
    }

    public Severity severityOf(Alert alert) {
        for (Rule r : rules) {
            if (r.match().matches(alert.labels())) {
                return r.severity();
            }
        }
        String label = alert.labels().get(severityLabel);
        if (label != null) {
            Severity mapped = severities.get(label.trim().toLowerCase(Locale.ROOT));
            if (mapped != null) {
                return mapped;
            }
            Severity word = Severity.tryParse(label);
            if (word != null) {
                return word;
            }
        }
        return fallback;
    }

    /** Alerts at or above this severity open an incident; below it they get one compact post. */
    public Severity threshold() {
        return threshold;
    }

    public boolean declares(Severity s) {
        return s.atLeast(threshold);
    }

    public Duration stormWindow() {
        return stormWindow;
    }

    public Optional<Runbook> runbookFor(Alert alert) {
        return runbooks.stream().filter(r -> r.match().matches(alert.labels())).findFirst();
    }

    private static Map<String, Severity> defaultSeverities() {
        Map<String, Severity> m = new LinkedHashMap<>();
        m.put("critical", Severity.SEV1);
        m.put("page", Severity.SEV1);
        m.put("error", Severity.SEV2);
        m.put("high", Severity.SEV2);
        m.put("warning", Severity.SEV3);
        m.put("warn", Severity.SEV3);
        m.put("info", Severity.SEV4);
        m.put("none", Severity.SEV4);
        return Map.copyOf(m);
    }
}
