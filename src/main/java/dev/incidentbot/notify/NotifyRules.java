package dev.incidentbot.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.incidentbot.incident.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code NOTIFY_RULES} file: per severity, the channels, page, mail and ticket of a new incident. Read once at
 * start and checked whole: a bad file stops the start with one line naming the file and every problem in it.
 */
public final class NotifyRules {
    private static final Set<String> KNOWN = Set.of("channels", "page", "email", "ticket");
    private static final Pattern CHANNEL = Pattern.compile("[CG][A-Z0-9]{2,}");
    // Deliberately plain: one local part, one domain with a dot, nothing that could break a header.
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private final Map<Severity, NotifyRule> rules;

    private NotifyRules(Map<Severity, NotifyRule> rules) {
        this.rules = rules.isEmpty() ? Map.of() : new EnumMap<>(rules);
    }

    /** No file: every incident is announced as before and nothing leaves Slack. */
    public static NotifyRules none() {
        return new NotifyRules(Map.of());
    }

    public static NotifyRules of(Map<Severity, NotifyRule> rules) {
        return new NotifyRules(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The rule of a severity; a severity the file does not name gets nothing beyond today's announcement. */
    public NotifyRule of(Severity severity) {
        return rules.getOrDefault(severity, NotifyRule.NONE);
    }

    public boolean anyPage() {
        return rules.values().stream().anyMatch(NotifyRule::page);
    }

    public boolean anyEmail() {
        return rules.values().stream().anyMatch(r -> !r.email().isEmpty());
    }

    public boolean anyTicket() {
        return rules.values().stream().anyMatch(NotifyRule::ticket);
    }

    /**
     * The rules of {@code NOTIFY_RULES} (none when unset), checked against what the settings can serve.
     *
     * @throws IllegalArgumentException one line naming the file and every problem, including a page without
     *                                  PagerDuty, mail without SMTP or tickets without a tracker
     */
    public static NotifyRules forSettings(NotifySettings settings) {
        if (settings.rulesFile() == null) {
            return none();
        }
        NotifyRules rules = load(Path.of(settings.rulesFile()));
        List<String> missing = settings.missingFor(rules);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("NOTIFY_RULES " + settings.rulesFile() + ": " + String.join("; ", missing));
        }
        return rules;
    }

    /**
     * Reads and checks the file.
     *
     * @throws IllegalArgumentException naming the file and every problem in it
     */
    public static NotifyRules load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("NOTIFY_RULES " + file + " cannot be read: " + oneLine(e));
        }
        List<String> problems = new ArrayList<>();
        Map<Severity, NotifyRule> rules = parse(root, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("NOTIFY_RULES " + file + ": " + String.join("; ", problems));
        }
        return new NotifyRules(rules);
    }

    static Map<Severity, NotifyRule> parse(JsonNode root, List<String> problems) {
        Map<Severity, NotifyRule> rules = new EnumMap<>(Severity.class);
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add("the file is empty; give a rule per severity, e.g. SEV1: {channels: [C0CRITICAL], page: true}");
            return rules;
        }
        if (!root.isObject()) {
            problems.add("expected a mapping of severities (SEV1..SEV4) to rules");
            return rules;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Severity severity = severity(e.getKey());
            if (severity == null) {
                problems.add("'" + e.getKey() + "' is not a severity (SEV1, SEV2, SEV3, SEV4)");
                continue;
            }
            NotifyRule rule = rule(severity.name(), e.getValue(), problems);
            if (rule != null) {
                rules.put(severity, rule);
            }
        }
        return rules;
    }

    private static Severity severity(String key) {
        try {
            return Severity.valueOf(key.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static NotifyRule rule(String sev, JsonNode node, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(sev + " is not a mapping such as {channels: [C0CRITICAL], page: true, email: [team@example.com]}");
            return null;
        }
        int before = problems.size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name)) {
                problems.add(sev + " has an unknown key '" + name + "' (known: channels, page, email, ticket)");
            }
        }
        List<String> channels = list(sev, "channels", node.get("channels"), CHANNEL, "a channel id (C...)", problems);
        List<String> email = list(sev, "email", node.get("email"), ADDRESS, "a mail address", problems);
        boolean page = flag(sev, "page", node.get("page"), problems);
        boolean ticket = flag(sev, "ticket", node.get("ticket"), problems);
        return problems.size() == before ? new NotifyRule(channels, page, email, ticket) : null;
    }

    private static List<String> list(String sev, String key, JsonNode node, Pattern valid, String what, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problems.add(sev + "." + key + " is not a list");
            return out;
        }
        for (JsonNode item : node) {
            String v = item.isTextual() ? item.asText().trim() : item.toString();
            if (!item.isTextual() || !valid.matcher(v).matches()) {
                problems.add(sev + "." + key + " '" + clip(v) + "' is not " + what);
            } else if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static boolean flag(String sev, String key, JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            problems.add(sev + "." + key + " must be true or false");
            return false;
        }
        return node.asBoolean();
    }

    private static String clip(String s) {
        String one = s.replaceAll("[\\r\\n]+", " ");
        return one.length() > 60 ? one.substring(0, 59) + "…" : one;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ");
    }
}
