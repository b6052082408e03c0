package dev.incidentbot.logsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds Elasticsearch/OpenSearch search bodies: the window's time range ANDed with the source's query, whose
 * {@code ${label}} placeholders are filled in the parsed JSON tree.
 *
 * <p>Filling string values of the tree (never text that is parsed again as JSON) means Jackson does the escaping and a
 * label value cannot add, remove or reshape a clause. Placeholders are refused in field names and inside clauses that
 * read their string as a query language of its own ({@code query_string}, {@code simple_query_string},
 * {@code wildcard}, {@code regexp}, {@code script}), where a value such as {@code x OR *} would widen the query.
 */
final class EsQuery {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> SYNTAX_CLAUSES = Set.of("query_string", "simple_query_string", "wildcard",
            "regexp", "script", "script_score", "intervals");

    private EsQuery() {
    }

    /** What is wrong with a source's query (empty when none, or when it may be used). */
    static List<String> problems(JsonNode query) {
        List<String> problems = new ArrayList<>();
        if (query == null || query.isNull()) {
            return problems;
        }
        if (!query.isObject()) {
            problems.add("the query must be a query object such as {term: {service.keyword: \"${service}\"}}");
            return problems;
        }
        check(query, null, problems);
        return problems;
    }

    private static void check(JsonNode n, String clause, List<String> problems) {
        if (n.isTextual()) {
            String s = n.asText();
            if (s.contains("${") && clause != null) {
                problems.add("placeholders may not stand inside " + clause + " (its text is a query language)");
            } else if (s.replaceAll(PLACEHOLDER.pattern(), "").contains("${")) {
                problems.add("'" + s + "' has a '${' that is not a placeholder like ${service}");
            }
        } else if (n.isArray()) {
            n.forEach(c -> check(c, clause, problems));
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().contains("${")) {
                    problems.add("placeholders may stand only in string values, not in the name '" + f.getKey() + "'");
                }
                check(f.getValue(), clause != null ? clause : SYNTAX_CLAUSES.contains(f.getKey()) ? f.getKey() : null, problems);
            }
        }
    }

    /**
     * A copy of the query with placeholders filled from the alert's labels.
     *
     * @throws LogSourceException when the query breaks the rules or the alert lacks a label it names
     */
    static JsonNode fill(JsonNode query, Map<String, String> labels) throws LogSourceException {
        List<String> problems = problems(query);
        if (!problems.isEmpty()) {
            throw new LogSourceException("the Elasticsearch query cannot be used: " + problems.get(0));
        }
        if (query == null || query.isNull()) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        JsonNode filled = fill(query, labels == null ? Map.of() : labels, missing);
        if (!missing.isEmpty()) {
            throw new LogSourceException("the alert has no label " + String.join(", ", missing) + ", which the query needs");
        }
        return filled;
    }

    private static JsonNode fill(JsonNode n, Map<String, String> labels, List<String> missing) {
        if (n.isTextual()) {
            Matcher m = PLACEHOLDER.matcher(n.asText());
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String v = labels.get(m.group(1));
                if (v == null && !missing.contains(m.group(1))) {
                    missing.add(m.group(1));
                }
                m.appendReplacement(b, Matcher.quoteReplacement(v == null ? "" : v));
            }
            m.appendTail(b);
            return TextNode.valueOf(b.toString());
        }
        if (n.isArray()) {
            ArrayNode a = F.arrayNode();
            n.forEach(c -> a.add(fill(c, labels, missing)));
            return a;
        }
        if (n.isObject()) {
            ObjectNode o = F.objectNode();
            n.fields().forEachRemaining(f -> o.set(f.getKey(), fill(f.getValue(), labels, missing)));
            return o;
        }
        return n.deepCopy();
    }

    /**
     * One page's body.
     *
     * @param pitId       the point in time to search, or null to search the index named in the path
     * @param searchAfter the sort values of the last hit of the previous page, or null on the first page
     */
    static ObjectNode body(Window w, String timeField, JsonNode filledQuery, int size, String pitId, JsonNode searchAfter) {
        ObjectNode range = F.objectNode();
        range.putObject("range").putObject(timeField).put("gte", w.from().toString()).put("lte", w.to().toString())
                .put("format", "strict_date_optional_time");
        ArrayNode filter = F.arrayNode().add(range);
        if (filledQuery != null) {
            filter.add(filledQuery);
        }
        ObjectNode body = F.objectNode();
        body.put("size", size);
        body.putObject("query").putObject("bool").set("filter", filter);
        ArrayNode sort = body.putArray("sort");
        // numeric_type date: sort values are epoch milliseconds for date and date_nanos fields alike
        sort.addObject().putObject(timeField).put("order", "asc").put("numeric_type", "date");
        if (pitId != null) {
            // the documented tiebreaker of a point in time: unique per document, so search_after neither repeats nor skips
            sort.addObject().put("_shard_doc", "asc");
            body.putObject("pit").put("id", pitId).put("keep_alive", ElasticsearchLogSource.KEEP_ALIVE);
        }
        body.put("track_total_hits", false);
        if (searchAfter != null) {
            body.set("search_after", searchAfter);
        }
        return body;
    }
}
