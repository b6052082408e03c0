package dev.incidentbot.logsource;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a window from Grafana Loki's {@code query_range} API, page by page forward in time, as NDJSON records.
 *
 * <p>Paging: each page asks from the time of the last entry written ({@code start} inclusive, {@code end}
 * exclusive, so {@code end} is the window's end + 1 ns) and drops the entries it already wrote at exactly that
 * nanosecond (Loki itself tells entries apart by stream and line), so entries sharing a timestamp across a page edge
 * are neither repeated nor lost. It stops when a page comes back shorter than {@code limit}, at the window's end, or
 * at a cap. Only when more than {@code pageSize} entries share one nanosecond does it step past that nanosecond, and
 * says so in the detail.
 */
final class LokiLogSource implements LogSource {
    private static final Logger LOG = LoggerFactory.getLogger(LokiLogSource.class);

    private final SourceSpec spec;
    private final HttpClient http;

    LokiLogSource(SourceSpec spec, HttpClient http) {
        this.spec = spec;
        this.http = http;
    }

    /** What is wrong with a Loki source's query, for the check of the whole file at load. */
    static List<String> problems(JsonNode query) {
        if (query == null || !query.isTextual()) {
            return List.of("the query must be a LogQL text such as '{app=\"x\", env=\"${env}\"}'");
        }
        return LogQl.problems(query.asText());
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
            LOG.info("log source {} (loki): {} records, {} bytes, {}{} in {} ms", spec.name(), f.records(), f.bytes(),
                    f.detail(), f.capped() ? ", capped by " + f.cappedBy() : "", (System.nanoTime() - started) / 1_000_000);
            return f;
        } catch (LogSourceException e) {
            LOG.warn("log source {} (loki): {}", spec.name(), e.getMessage());
            throw e;
        }
    }

    private Fetched read(Window window, Map<String, String> labels, Limits limits, OutputStream out) throws LogSourceException {
        if (spec.query() == null || !spec.query().isTextual()) {
            throw new LogSourceException("the Loki query cannot be used: " + problems(spec.query()).get(0));
        }
        String query = LogQl.render(spec.query().asText(), labels);
        String base = StoreHttp.base(spec.url());
        StoreHttp store = new StoreHttp(http, "Loki", URI.create(base));
        NdjsonSink sink = new NdjsonSink(out, limits);
        long endNs = Nanos.of(window.to()) + 1;
        long cursor = Nanos.of(window.from());
        Set<String> seenAtCursor = new HashSet<>();
        int pages = 0;
        boolean skipped = false;
        while (cursor < endNs && !sink.capped()) {
            pages++;
            List<LokiPage.Entry> page = page(store, base, query, cursor, endNs, limits);
            int fresh = 0;
            for (LokiPage.Entry e : page) {
                if (e.ns() < cursor || e.ns() >= endNs || e.ns() == cursor && seenAtCursor.contains(e.key())) {
                    continue;
                }
                if (!sink.write(LokiRecord.of(e))) {
                    break;
                }
                fresh++;
                if (e.ns() != cursor) {
                    cursor = e.ns();
                    seenAtCursor.clear();
                }
                seenAtCursor.add(e.key());
            }
            if (page.size() < spec.pageSize()) {
                break;
            }
            if (fresh == 0 && !sink.capped()) {
                // a full page of entries already written: more than pageSize share this nanosecond
                skipped = true;
                cursor++;
                seenAtCursor.clear();
            }
        }
        String detail = pages + (pages == 1 ? " page" : " pages")
                + (skipped ? "; more than " + spec.pageSize() + " entries shared one nanosecond, some were skipped" : "");
        return sink.finish(window, detail);
    }

    private List<LokiPage.Entry> page(StoreHttp store, String base, String query, long start, long end, Limits limits)
            throws LogSourceException {
        String uri = base + "/loki/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&start=" + start + "&end=" + end + "&direction=forward&limit=" + spec.pageSize();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(limits.readTimeout())
                .header("Accept", "application/json").GET();
        StoreHttp.Answer a = store.send(StoreHttp.authorize(b, spec).build(), limits, StoreHttp.MAX_BODY);
        if (!a.ok()) {
            throw new LogSourceException(store.refused(a.status(), "check the url: no Loki API there"));
        }
        return new ArrayList<>(LokiPage.parse(a.body()));
    }
}
