package dev.incidentbot.analysis.cause;

/** Small statistics toolbox: one-sided 2x2 tests (Fisher exact for small counts, G-test otherwise), Holm. */
final class Stats {
    private Stats() {
    }

    /**
     * One-sided p-value that the group's rate a/n exceeds the reference rate c/m by more than chance:
     * Fisher's exact test when counts are small, the G-test (likelihood ratio) otherwise.
     */
    static double pGreater(long a, long n, long c, long m) {
        if (n <= 0 || m <= 0) {
            return 1;
        }
        long total = n + m;
        long bad = a + c;
        double expected = (double) n * bad / total;
        if (total <= 5000 || expected < 5 || (double) m * bad / total < 5) {
            return fisherGreater(a, n, bad, total);
        }
        double g = gStat(a, n - a, c, m - c);
        double p = 0.5 * erfc(Math.sqrt(g / 2));
        return (double) a / n > (double) c / m ? p : 1 - p;
    }

    /** P(X >= a) for X hypergeometric: drawing n of total items of which bad are "bad". */
    static double fisherGreater(long a, long n, long bad, long total) {
        long hi = Math.min(n, bad);
        if (a > hi) {
            return 0;
        }
        double logDen = logChoose(total, n);
        double p = 0;
        for (long x = a; x <= hi; x++) {
            if (n - x > total - bad) {
                continue;
            }
            p += Math.exp(logChoose(bad, x) + logChoose(total - bad, n - x) - logDen);
        }
        return Math.min(1, p);
    }

    private static double gStat(long a, long b, long c, long d) {
        double n = a + b + c + d;
        double r1 = a + b;
        double r2 = c + d;
        double c1 = a + c;
        double c2 = b + d;
        return 2 * (term(a, r1 * c1 / n) + term(b, r1 * c2 / n) + term(c, r2 * c1 / n) + term(d, r2 * c2 / n));
    }

    private static double term(double o, double e) {
        return o <= 0 || e <= 0 ? 0 : o * Math.log(o / e);
    }

    static double logChoose(long n, long k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static final double[] SMALL_LOG_FACT = new double[256];

    static {
        for (int i = 1; i < SMALL_LOG_FACT.length; i++) {
            SMALL_LOG_FACT[i] = SMALL_LOG_FACT[i - 1] + Math.log(i);
        }
    }

    static double logFactorial(long n) {
        if (n < SMALL_LOG_FACT.length) {
            return SMALL_LOG_FACT[(int) n];
        }
        double x = n + 1.0; // Stirling series for lgamma(n + 1)
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    /** Complementary error function (Numerical Recipes erfcc, relative error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** Holm step-down adjusted p-values (same order as the input). */
    static double[] holm(double[] p) {
        int m = p.length;
        Integer[] idx = new Integer[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (x, y) -> Double.compare(p[x], p[y]));
        double[] adj = new double[m];
        double running = 0;
        for (int r = 0; r < m; r++) {
            int i = idx[r];
            running = Math.max(running, Math.min(1, (m - r) * p[i]));
            adj[i] = running;
        }
        return adj;
    }

    /** Jensen-Shannon divergence (base 2, 0..1) between two count vectors. */
    static double jensenShannon(long[] a, long[] b) {
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < a.length; i++) {
            sa += a[i];
            sb += b[i];
        }
        if (sa == 0 || sb == 0) {
            return 0;
        }
        double js = 0;
        for (int i = 0; i < a.length; i++) {
            double p = a[i] / sa;
            double q = b[i] / sb;
            double mm = (p + q) / 2;
            if (p > 0) {
                js += 0.5 * p * Math.log(p / mm);
            }
            if (q > 0) {
                js += 0.5 * q * Math.log(q / mm);
            }
        }
        return js / Math.log(2);
    }
}
