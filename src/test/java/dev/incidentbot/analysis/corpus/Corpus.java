package dev.incidentbot.analysis.corpus;

import java.util.ArrayList;
import java.util.List;

/** Which cases make up the corpus: a fixed sample for CI, and the whole set for the bench. */
public final class Corpus {
    private Corpus() {
    }

    /** Every kind in every format at every size from 10 to {@code maxRecords}, {@code seeds} seeds each; 200+ steady logs. */
    public static List<Case> all(int maxRecords, int seeds) {
        List<Case> out = new ArrayList<>();
        int[] sizes = {10, 30, 100, 1_000, 10_000, 100_000, 1_000_000};
        for (Kind k : Kind.values()) {
            for (Format f : Format.values()) {
                for (int n : sizes) {
                    if (n > maxRecords || n <= 100 && !(k == Kind.SINGLE || k == Kind.STEADY)) {
                        continue; // a handful of requests can show one strong cause or none, not a 2% canary
                    }
                    if (k == Kind.LEAF && n < 10_000) {
                        // a leaf of four attributes differs from its three-attribute parent by the parent's other
                        // requests, a handful below 10,000 records: no log can tell the two apart
                        continue;
                    }
                    int s = k == Kind.STEADY ? seeds * 4 : seeds;
                    for (int seed = 1; seed <= s; seed++) {
                        out.add(Generator.plan(k, f, n, seed * 1009L + n));
                    }
                }
            }
        }
        return out;
    }

    /** The sample CI runs: every kind and format up to 10,000 records, one seed (two for steady logs). */
    public static List<Case> sample() {
        List<Case> out = new ArrayList<>();
        for (Case c : all(10_000, 1)) {
            if (c.kind() != Kind.STEADY || c.seed() % 2 == 1) {
                out.add(c);
            }
        }
        return out;
    }
}
