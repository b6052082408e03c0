package dev.incidentbot.analysis.cause;

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

    /**
     * The evidence of an incident group of n requests, bad of them slow or failed and failed of them failed,
     * against a reference of refN requests with refBad and refFailed; slowFloor is the least share of healthy
     * requests that lands above a slow threshold taken from few baseline latencies (see Contrast.score).
     */
    static Evidence of(long n, long bad, long failed, long refN, long refBad, long refFailed, double slowFloor,
                       int size) {
        double llr = llr(n, bad, failed, refN, refBad, refFailed, slowFloor);
        double cost = ATTRIBUTE_COST * size;
        return new Evidence(llr, cost, llr - cost, false, "not tested", null, Double.NaN);
    }

    /**
     * Log-likelihood ratio of the group's slow-or-failed rate against the reference, each reference share taking
     * half a request more (Jeffreys), so 0 of 3 before is "rarely", not "never", and a handful of requests cannot
     * give an infinite ratio. When the slow threshold is uncertain (slowFloor above the reference's slow share,
     * i.e. few baseline latencies) failures are counted apart from slowness, which alone depends on the threshold;
     * otherwise the split only gives chance a second category to exploit (bench/corpus.sh steady-*-10000-s17063,
     * mix_shift-*-10000-s13027, harmless_rollout-*-1000-s4027 false alarms with the split always on).
     */
    static double llr(long n, long bad, long failed, long refN, long refBad, long refFailed, double slowFloor) {
        if (n <= 0) {
            return 0;
        }
        double f = (refFailed + 0.5) / (refN + 1.5);
        double slow = (refBad - refFailed + 0.5) / (refN + 1.5);
        if (slow >= slowFloor) {
            double r = (refBad + 0.5) / (refN + 1.0);
            return (double) bad / n <= r ? 0 : term(bad, n, r) + term(n - bad, n, 1 - r);
        }
        double s = slowFloor;
        double o = Math.max(1e-9, 1 - f - s);
        if ((double) bad / n <= f + s) {
            return 0;
        }
        return term(failed, n, f) + term(bad - failed, n, s) + term(n - bad, n, o);
    }

    private static double term(long count, long n, double r) {
        return count <= 0 ? 0 : count * Math.log((double) count / n / r);
    }

    Evidence judged(boolean ok, String why) {
        return new Evidence(llr, cost, net, ok, why, runnerUp, runnerUpNet);
    }

    Evidence withRunnerUp(String label, double otherNet) {
        return new Evidence(llr, cost, net, convincing, reason, label, otherNet);
    }
}
