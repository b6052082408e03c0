package dev.incidentbot.analysis.corpus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a log with a planted situation and known truth. An hour of requests over a few dimensions (endpoint,
 * region, version, pod), with one endpoint that is always slower and a small steady failure rate; at a change point
 * between 55% and 80% of the hour, the case's {@link Kind} happens. The effect sizes are what people page for:
 * several times slower or a fifth of the requests failing, on at least a tenth of the traffic (canaries: 1-5%).
 */
public final class Generator {
    static final String SLOW_ENDPOINT = "/api/export";
    static final String CANARY = "2.5.0-canary";
    static final String ROLLOUT = "2.5.0";
    /** Requests a planted leaf gets after the change at the least (as a canary), so that it can be judged at all. */
    static final double MIN_LEAF = 30;
    /**
     * Share of the traffic after the change a planted leaf takes at the least: with fewer, its trouble is too
     * small a part of the whole for the change point (leaf-*-10000-s11009 found a one-minute bump at 30 requests).
     */
    static final double LEAF_SHARE = 0.03;
    /** Requests a canary gets after the change at the least, so that it can be judged at all. */
    static final double MIN_CANARY = 12;
    private static final long START = 1_764_756_000_000L; // 2025-12-03T10:00:00Z

    private final Case c;
    private final Random rnd;
    private final List<String> endpoints = new ArrayList<>(List.of("/api/cart", "/api/checkout", "/api/payment", "/api/search", SLOW_ENDPOINT));
    private final List<String> regions = List.of("eu-west-1", "us-east-1", "ap-south-1");
    private final List<String> versions = List.of("2.4.0", "2.3.9");
    private final List<String> pods;
    private final boolean small;
    private final double change;
    // what the kind does, chosen from the seed
    private String dimA;
    private String valA;
    private String dimB;
    private String valB;
    private double slowBy;
    private double failTo;
    private double share;
    private int afterCount;
    /** MULTI: the second cause, apart from the first; LEAF: the planted leaf, a value of every dimension. */
    private String dimC;
    private String valC;
    private Map<String, String> leaf;

    private Generator(Case c) {
        this.c = c;
        this.rnd = new Random(c.seed() * 31 + c.kind().ordinal());
        this.small = c.records() <= 100;
        int nPods = small ? 0 : 4 + rnd.nextInt(9);
        List<String> p = new ArrayList<>();
        for (int i = 0; i < nPods; i++) {
            p.add("pod-" + Integer.toHexString(0x3a0 + i * 7 + (int) (c.seed() % 5)));
        }
        this.pods = p;
        // a small log needs requests on both sides of the change, as in the seed (8 records, 5 after it)
        this.change = small ? 0.3 + rnd.nextDouble() * 0.2 : 0.55 + rnd.nextDouble() * 0.25;
    }

    /** The case for a kind, format, size and seed, with its truth worked out from the same choices the log uses. */
    public static Case plan(Kind kind, Format format, int records, long seed) {
        Generator g = new Generator(new Case(kind, format, records, seed, Map.of()));
        g.choose();
        Map<String, String> truth = new LinkedHashMap<>();
        List<Map<String, String>> further = new ArrayList<>();
        if (g.leaf != null) {
            g.leaf.forEach((k, v) -> truth.put(g.name(k), v));
        } else if (kind.hasCause()) {
            truth.put(g.name(g.dimA), g.valA);
            if (g.dimB != null) {
                truth.put(g.name(g.dimB), g.valB);
            }
            if (g.dimC != null) {
                further.add(Map.of(g.name(g.dimC), g.valC));
            }
        }
        return new Case(kind, format, records, seed, Map.copyOf(truth), List.copyOf(further));
    }

    /** Writes the case's log to {@code file}. */
    public static void write(Case c, Path file) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            write(c, w);
        }
    }

    public static void write(Case c, Writer w) throws IOException {
        Generator g = new Generator(c);
        g.choose();
        g.emit(w);
    }

    /** The dimension's name as the log writes it: access logs carry the endpoint in the request path. */
    private String name(String dim) {
        return c.format() == Format.ACCESS && dim.equals("endpoint") ? "path" : dim;
    }

    private List<String> dims() {
        List<String> d = new ArrayList<>(List.of("endpoint", "region", "version"));
        if (!pods.isEmpty()) {
            d.add("pod");
        }
        return d;
    }

    private List<String> values(String dim) {
        return switch (dim) {
            case "endpoint" -> endpoints;
            case "region" -> regions;
            case "version" -> versions;
            default -> pods;
        };
    }

    private void choose() {
        slowBy = small ? 6 + rnd.nextDouble() * 4 : 3 + rnd.nextDouble() * 5;
        failTo = small ? 0.6 + rnd.nextDouble() * 0.3 : 0.2 + rnd.nextDouble() * 0.4;
        switch (c.kind()) {
            case SINGLE, FAILURE_ONLY, LATENCY_ONLY, DECOY -> {
                if (small) {
                    // in a handful of requests only a value with most of the traffic leaves evidence (the seed's v1.3)
                    dimA = "version";
                    valA = versions.get(0);
                    break;
                }
                List<String> choices = new ArrayList<>(dims());
                if (c.kind() == Kind.DECOY) {
                    choices.remove("endpoint"); // the decoy is the always-slow endpoint: the cause lies elsewhere
                }
                dimA = choices.get(rnd.nextInt(choices.size()));
                List<String> vs = values(dimA);
                valA = vs.get(rnd.nextInt(dimA.equals("endpoint") ? vs.size() - 1 : vs.size()));
            }
            case MULTI, LEAF -> {
                List<String> choices = new ArrayList<>(dims());
                dimA = choices.remove(rnd.nextInt(choices.size()));
                valA = pick(dimA);
                if (small) {
                    dimA = "version"; // as SINGLE: a handful of requests shows one strong cause at most
                    valA = versions.get(0);
                } else if (c.kind() == Kind.MULTI) {
                    dimC = choices.get(rnd.nextInt(choices.size()));
                    valC = pick(dimC);
                } else {
                    leaf = new LinkedHashMap<>();
                    for (String d : dims()) {
                        leaf.put(d, pick(d));
                    }
                    failTo = 0.6 + rnd.nextDouble() * 0.3;
                    share = Math.max(LEAF_SHARE, MIN_LEAF / (c.records() * (1 - change)));
                }
            }
            case INTERACTION -> {
                dimA = "region";
                valA = regions.get(rnd.nextInt(regions.size()));
                dimB = "version";
                valB = versions.get(rnd.nextInt(versions.size()));
            }
            case CANARY -> {
                dimA = "version";
                valA = CANARY;
                share = 0.01 + rnd.nextDouble() * 0.04;
                // a 1% canary in 1,000 records is 2-4 requests after the change: nothing anyone could call a cause
                // from. It gets at least MIN_CANARY requests (3-6% at 1,000 records; 10,000 and up unchanged)
                share = Math.max(share, MIN_CANARY / (c.records() * (1 - change)));
                failTo = 0.4 + rnd.nextDouble() * 0.4;
            }
            case HARMLESS_ROLLOUT -> share = 0.3 + rnd.nextDouble() * 0.3;
            default -> {
            }
        }
    }

    /** A value of the dimension, never the always-slow endpoint. */
    private String pick(String dim) {
        List<String> vs = values(dim);
        return vs.get(rnd.nextInt(dim.equals("endpoint") ? vs.size() - 1 : vs.size()));
    }

    private void emit(Writer w) throws IOException {
        List<String> dims = dims();
        String header = c.format().header(dims);
        if (header != null) {
            w.write(header);
            w.write('\n');
        }
        long span = 3_600_000L;
        for (int i = 0; i < c.records(); i++) {
            double at = (i + rnd.nextDouble() * 0.5) / c.records();
            boolean after = at >= change;
            Map<String, String> d = new LinkedHashMap<>();
            String endpoint = pickEndpoint(after);
            d.put("endpoint", endpoint);
            d.put("region", regions.get(rnd.nextInt(regions.size())));
            d.put("version", pickVersion(after));
            if (!pods.isEmpty()) {
                d.put("pod", pods.get(rnd.nextInt(pods.size())));
            }
            if (leaf != null && after && rnd.nextDouble() < share) {
                d.putAll(leaf);
                endpoint = leaf.get("endpoint");
            }
            double base = switch (endpoint) {
                case SLOW_ENDPOINT -> c.kind() == Kind.DECOY ? 420 : 210;
                case "/api/search" -> 110;
                default -> 70;
            };
            double latency = base * Math.exp(rnd.nextGaussian() * 0.25);
            double failRate = endpoint.equals(SLOW_ENDPOINT) && c.kind() == Kind.DECOY ? 0.06 : 0.01;
            if (after && hit(d)) {
                if (c.kind() != Kind.FAILURE_ONLY) {
                    latency *= c.kind() == Kind.CANARY ? 3 : slowBy;
                }
                if (c.kind() != Kind.LATENCY_ONLY) {
                    failRate = Math.max(failRate, failTo);
                }
            }
            boolean failed = rnd.nextDouble() < failRate;
            if (failed && c.kind() != Kind.FAILURE_ONLY && rnd.nextBoolean()) {
                latency = Math.max(latency, 2000 + rnd.nextDouble() * 1000); // a timeout waits
            }
            Format.Row row = new Format.Row(c.seed() * 1_000_003L + i, START + (long) (at * span), d, latency, failed);
            w.write(c.format().line(row));
            w.write('\n');
        }
    }

    private boolean hit(Map<String, String> d) {
        if (leaf != null) {
            return d.equals(leaf);
        }
        if (dimA == null || !c.kind().hasCause()) {
            return false;
        }
        if (dimC != null && valC.equals(d.get(dimC))) {
            return true;
        }
        return valA.equals(d.get(dimA)) && (dimB == null || valB.equals(d.get(dimB)));
    }

    private String pickEndpoint(boolean after) {
        if (c.kind() == Kind.MIX_SHIFT && after && rnd.nextDouble() < 0.45) {
            return SLOW_ENDPOINT;
        }
        return endpoints.get(rnd.nextInt(endpoints.size()));
    }

    private String pickVersion(boolean after) {
        if (small && after && c.kind().hasCause()) {
            // like the seed (v1.3 on 5 of the 7 requests after the change, v1.2 on the other 2): the planted value
            // takes two in three requests after the change and the other one stays as the control, because when
            // chance gives the planted value every request after the change (0.7^6 = 12% of 10-record logs) no
            // log can tell the value from the time
            return afterCount++ % 3 == 2 ? versions.get(1) : versions.get(0);
        }
        if (after && c.kind() == Kind.CANARY && rnd.nextDouble() < share) {
            return CANARY;
        }
        if (after && c.kind() == Kind.HARMLESS_ROLLOUT && rnd.nextDouble() < share) {
            return ROLLOUT;
        }
        return rnd.nextDouble() < 0.7 ? versions.get(0) : versions.get(1);
    }
}
