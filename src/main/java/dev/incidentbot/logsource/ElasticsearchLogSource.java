package dev.incidentbot.logsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a window from Elasticsearch or OpenSearch {@code _search}, sorted by time, as NDJSON records (each hit's
 * {@code _source}).
 *
 * <p>Paging follows Elastic's documented advice for deep paging: open a point in time ({@code POST /index/_pit}),
 * sort by the time field then {@code _shard_doc} (unique per document within the PIT) and pass the last hit's sort
 * values as {@code search_after}; the PIT also keeps pages consistent while new documents arrive. It is closed at the
 * end (it would expire after {@value #KEEP_ALIVE} anyway).
 *
 * <p>Where {@code _pit} does not exist (OpenSearch, whose point in time lives elsewhere and whose tiebreaker
 * support varies by version; Elasticsearch before 7.10), the answer to it is 400/404/405 and the reader pages without
 * a PIT and without needing any unique sortable field (Elasticsearch 8 refuses to sort on {@code _id}): sorted by time
 * alone, each next page asks for everything at or after the last hit's millisecond ({@code search_after} = that
 * millisecond − 1) and drops the hits already written at that millisecond (by index and id), so hits sharing a time
 * across a page edge are neither repeated nor lost. Only if more than {@code pageSize} hits share one millisecond does
 * it step past it, and says so in the detail.
 */
final class ElasticsearchLogSource implements LogSource {
    static final String KEEP_ALIVE = "1m";
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchLogSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SourceSpec spec;
    private final HttpClient http;

    ElasticsearchLogSource(SourceSpec spec, HttpClient http) {
        this.spec = spec;
        this.http = http;
    }

    /** What is wrong with an elasticsearch entry of the file (its index and query), for the check at load. */
    static List<String> problems(JsonNode entry) {
        List<String> problems = new ArrayList<>();
        String index = entry.path("index").asText("");
        if (!index.isEmpty() && !index.matches("[A-Za-z0-9._*,:+-]+")) {
            problems.add("index may hold only letters, digits and . _ - * , : +");
        }
        problems.addAll(EsQuery.problems(entry.get("query")));
        return problems;
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public Fetched fetch(Window window, Map<String, String> labels, Limits limits, OutputStream out) throws LogSourceException {
        long started = System.nanoTime();
        try {
            Fetched f = read(window, labels, limits, out);
            LOG.info("log source {} (elasticsearch): {} records, {} bytes, {}{} in {} ms", spec.name(), f.records(),
                    f.bytes(), f.detail(), f.capped() ? ", capped by " + f.cappedBy() : "",
                    (System.nanoTime() - started) / 1_000_000);
            return f;
        } catch (LogSourceException e) {
            LOG.warn("log source {} (elasticsearch): {}", spec.name(), e.getMessage());
            throw e;
        }
    }

    private Fetched read(Window window, Map<String, String> labels, Limits limits, OutputStream out) throws LogSourceException {
        if (!spec.index().matches("[A-Za-z0-9._*,:+-]+")) {
            throw new LogSourceException("the index may hold only letters, digits and . _ - * , : +");
        }
        JsonNode query = EsQuery.fill(spec.query(), labels);
        String base = StoreHttp.base(spec.url());
        StoreHttp store = new StoreHttp(http, "Elasticsearch", URI.create(base));
        NdjsonSink sink = new NdjsonSink(out, limits);
        String pit = openPit(store, base, limits);
        if (pit == null) {
            return readWithoutPit(store, base, window, query, limits, sink);
        }
        String[] latest = {pit};
        try {
            return readWithPit(store, base, window, query, limits, sink, latest);
        } finally {
            closePit(store, base, latest[0], limits);
        }
    }

    private Fetched readWithPit(StoreHttp store, String base, Window w, JsonNode query, Limits limits, NdjsonSink sink,
                                String[] pit) throws LogSourceException {
        JsonNode after = null;
        int pages = 0;
        int failedShards = 0;
        while (!sink.capped()) {
            pages++;
            EsPage page = search(store, base + "/_search", EsQuery.body(w, spec.timeField(), query, spec.pageSize(), pit[0], after), limits);
            pit[0] = page.pitId() != null ? page.pitId() : pit[0]; // always the newest id, as the PIT docs ask
            failedShards = Math.max(failedShards, page.failedShards());
            for (EsPage.Hit h : page.hits()) {
                if (!sink.write(h.source())) {
                    break;
                }
            }
            if (page.hits().size() < spec.pageSize()) {
                break;
            }
            after = page.hits().get(page.hits().size() - 1).sort();
        }
        return sink.finish(w, pages(pages) + ", point in time" + shards(failedShards));
    }

    private Fetched readWithoutPit(StoreHttp store, String base, Window w, JsonNode query, Limits limits, NdjsonSink sink)
            throws LogSourceException {
        Long cursor = null; // the millisecond of the last hit written
        Set<String> seenAtCursor = new HashSet<>();
        int pages = 0;
        int failedShards = 0;
        boolean skipped = false;
        while (!sink.capped()) {
            pages++;
            // search_after is strictly after: one millisecond less asks for everything at the cursor's millisecond too
            JsonNode after = cursor == null ? null : JSON.createArrayNode().add(cursor - 1);
            EsPage page = search(store, base + "/" + spec.index() + "/_search",
                    EsQuery.body(w, spec.timeField(), query, spec.pageSize(), null, after), limits);
            failedShards = Math.max(failedShards, page.failedShards());
            int fresh = 0;
            for (EsPage.Hit h : page.hits()) {
                if (cursor != null && h.millis() == cursor && seenAtCursor.contains(h.key())) {
                    continue;
                }
                if (!sink.write(h.source())) {
                    break;
                }
                fresh++;
                if (cursor == null || h.millis() != cursor) {
                    cursor = h.millis();
                    seenAtCursor.clear();
                }
                seenAtCursor.add(h.key());
            }
            if (page.hits().size() < spec.pageSize()) {
                break;
            }
            if (fresh == 0 && !sink.capped()) {
                skipped = true; // a full page of hits already written: more than pageSize share this millisecond
                cursor++;
                seenAtCursor.clear();
            }
        }
        return sink.finish(w, pages(pages) + shards(failedShards)
                + (skipped ? "; more than " + spec.pageSize() + " hits shared one millisecond, some were skipped" : ""));
    }

    /** Opens a point in time, or null where the server has no {@code _pit} (then the reader pages without one). */
    private String openPit(StoreHttp store, String base, Limits limits) throws LogSourceException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/" + spec.index() + "/_pit?keep_alive=" + KEEP_ALIVE))
                .timeout(limits.readTimeout()).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody());
        StoreHttp.Answer a = store.send(StoreHttp.authorize(b, spec).build(), limits, 1024 * 1024);
        if (a.status() == 400 || a.status() == 404 || a.status() == 405 || a.status() == 501) {
            return null;
        }
        if (!a.ok()) {
            throw new LogSourceException(store.refused(a.status(), errorType(a.body(), "check the url and index")));
        }
        try {
            JsonNode id = JSON.readTree(a.body()).path("id");
            if (id.isTextual() && !id.asText().isEmpty()) {
                return id.asText();
            }
        } catch (IOException e) {
            // handled below with the same words
        }
        throw new LogSourceException("Elasticsearch's answer to opening a point in time has no id");
    }

    /** Best effort: a PIT left open expires after {@value #KEEP_ALIVE}, so a failure here is not the reader's. */
    private void closePit(StoreHttp store, String base, String pit, Limits limits) {
        ObjectNode body = JSON.createObjectNode().put("id", pit);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/_pit")).timeout(limits.readTimeout())
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            store.send(StoreHttp.authorize(b, spec).build(), limits, 1024 * 1024);
        } catch (LogSourceException e) {
            // expires by itself
        }
    }

    private EsPage search(StoreHttp store, String uri, ObjectNode body, Limits limits) throws LogSourceException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(limits.readTimeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        StoreHttp.Answer a = store.send(StoreHttp.authorize(b, spec).build(), limits, StoreHttp.MAX_BODY);
        if (!a.ok()) {
            throw new LogSourceException(store.refused(a.status(), errorType(a.body(), "check the url and index")));
        }
        return EsPage.parse(a.body(), spec.timeField());
    }

    /** The error's type ({@code index_not_found_exception}) when the body names one; never its reason, which may echo input. */
    private static String errorType(byte[] body, String otherwise) {
        try {
            JsonNode e = JSON.readTree(body).path("error");
            String type = e.path("type").asText(e.path("root_cause").path(0).path("type").asText(""));
            return type.matches("[a-z_]{1,80}") ? type : otherwise;
        } catch (IOException | RuntimeException e) {
            return otherwise;
        }
    }

    private static String pages(int n) {
        return n + (n == 1 ? " page" : " pages");
    }

    private static String shards(int failed) {
        return failed > 0 ? "; " + failed + " shard(s) failed, some hits may be missing" : "";
    }
}
