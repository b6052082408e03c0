package dev.incidentbot.analysis.corpus;

/** The situations the corpus plants, each with whether a correct analyzer must name a cause. */
public enum Kind {
    /** One existing value gets slow and fails more after the change. */
    SINGLE(true),
    /** Two values, each harmless alone, are slow only together. */
    INTERACTION(true),
    /** A new value on 1-5% of the traffic (at least 12 requests) fails many of its own requests. */
    CANARY(true),
    /** A value that was always slow, and a real single cause elsewhere. */
    DECOY(true),
    /** Only failures rise, for one value; latency stays. */
    FAILURE_ONLY(true),
    /** Only latency rises, for one value; failures stay. */
    LATENCY_ONLY(true),
    /** A new version takes a large share and behaves like the old one. */
    HARMLESS_ROLLOUT(false),
    /** Traffic moves towards an endpoint that was always slower; no value changes its own behaviour. */
    MIX_SHIFT(false),
    /** Nothing happens. */
    STEADY(false),
    // after the others, so that their ordinals, which seed their logs, stay as they were
    /** Two values in different dimensions each fail more after the change, apart (not only together). */
    MULTI(true),
    /** One leaf (a value of every dimension together) fails most of its requests; 3% of traffic after the change. */
    LEAF(true);

    private final boolean hasCause;

    Kind(boolean hasCause) {
        this.hasCause = hasCause;
    }

    public boolean hasCause() {
        return hasCause;
    }
}
