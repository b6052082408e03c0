package dev.incidentbot.analysis;

/**
 * How strongly a group's incident-window trouble says "this group changed": the binomial log-likelihood ratio of
 * its own incident rate against its reference rate, less a cost for every attribute it names, and why it does or
 * does not convince.
 *
 * @param llr log-likelihood ratio in nats of "rate k/n" over "the reference rate" (0 when not worse)
 * @param cost {@link #ATTRIBUTE_COST} per attribute: the parsimony prior
 * @param net llr minus cost, what candidates of different sizes are ranked by
 * @param convincing whether it passes every gate of {@link RootCause#convinces}
 * @param reason the gate that failed, or the reasoning that passed, in words
 * @param runnerUp the closest other candidate when within {@link #CLOSE} nats of this one, else null
 * @param runnerUpNet that candidate's net, NaN without one
 */
public record Evidence(double llr, double cost, double net, boolean convincing, String reason, String runnerUp,
                double runnerUpNet) {

    /**
     * Nats each attribute must earn (prior odds of about 1:20 per attribute), so a finer group has to explain
     * clearly more than its parent and a chance split of a single cause does not. Backed by CorpusTest (no
     * too-fine and no too-coarse case in the sample) and RootCauseSizeTest.
     */
    static final double ATTRIBUTE_COST = 3.0;
    /**
     * Net nats a cause must reach after paying for its attributes: data e^3 = 20 times likelier under "this group
     * changed" than under "it did not". The window is where the log looks worst, so a weaker ratio is what
     * chance leaves in some group of a steady log (CorpusTest steady-* and mix_shift-*, bench/corpus.sh).
     */
    static final double MIN_NET = 3.0;
    /** Net nats below which two candidates are too close to call, so the report names the runner-up (RootCauseSizeTest). */
    static final double CLOSE = 2.0;

    /** The evidence of k bad of n incident requests against a reference of refBad of refN, for a group of size attributes. */
    static Evidence of(long k, long n, long refBad, long refN, int size) {
        double llr = llr(k, n, refBad, refN);
        double cost = ATTRIBUTE_COST * size;
        return new Evidence(llr, cost, llr - cost, false, "not tested", null, Double.NaN);
    }

    /**
     * Binomial log-likelihood ratio; the reference rate takes half a bad and half a good request more (Jeffreys),
     * so 0 of 3 good requests before is "rarely bad", not "never bad", and a handful of requests cannot give an
     * infinite ratio.
     */
    static double llr(long k, long n, long refBad, long refN) {
        if (n <= 0) {
            return 0;
        }
        double r = (refBad + 0.5) / (refN + 1.0);
        double p = (double) k / n;
        if (p <= r) {
            return 0;
        }
        return term(k, p, r) + term(n - k, 1 - p, 1 - r);
    }

    private static double term(long count, double p, double r) {
        return count == 0 ? 0 : count * Math.log(p / r);
    }

    Evidence judged(boolean ok, String why) {
        return new Evidence(llr, cost, net, ok, why, runnerUp, runnerUpNet);
    }

    Evidence withRunnerUp(String label, double otherNet) {
        return new Evidence(llr, cost, net, convincing, reason, label, otherNet);
    }
}
