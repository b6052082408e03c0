package dev.incidentbot.analysis;

import dev.incidentbot.analysis.cause.Causes;
import dev.incidentbot.analysis.cause.Contrast;
import dev.incidentbot.analysis.cause.GroupStats;
import dev.incidentbot.analysis.cause.LatencyStats;
import dev.incidentbot.analysis.cause.Onset;
import dev.incidentbot.analysis.cause.RootCause;
import dev.incidentbot.analysis.changepoint.ChangePoint;
import dev.incidentbot.analysis.changepoint.LatencyBins;
import dev.incidentbot.analysis.changepoint.WholeLog;
import dev.incidentbot.analysis.input.Columns;
import dev.incidentbot.analysis.input.InputReader;
import dev.incidentbot.analysis.input.InputSummary;
import dev.incidentbot.analysis.input.ParseHooks;
import dev.incidentbot.analysis.input.RowFold;
import dev.incidentbot.analysis.input.Timing;
import dev.incidentbot.analysis.input.UnreadableInputException;
import dev.incidentbot.analysis.report.Advice;
import dev.incidentbot.analysis.report.Analysis;
import dev.incidentbot.analysis.report.Facts;
import dev.incidentbot.analysis.report.Narrative;
import dev.incidentbot.analysis.report.Report;
import dev.incidentbot.analysis.report.SuggestedAlert;
import dev.incidentbot.analysis.report.Timeline;
import dev.incidentbot.analysis.report.Timelines;
import dev.incidentbot.analysis.tuning.Tuning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which dimension value (or combination) is behind a latency spike or a wave of failures in API logs,
 * since when and by how much, and writes the report; everything computed, no model involved.
 */
public final class LogAnalyzer {
    /**
     * What the reader is asked to do while it parses: the JIT measures of analysis.tuning, and the change point's
     * whole-log pass folded into a parallel parse (a port, so that input imports no later stage).
     */
    private static final ParseHooks HOOKS = new ParseHooks() {
        @Override
        public void quickCompiles(boolean wait) {
            Tuning.quickCompiles(wait);
        }

        @Override
        public void parseUnderway() {
            Tuning.parseUnderway();
        }

        @Override
        public RowFold fold(long lo, long hi) {
            return WholeLog.guess(lo, hi);
        }
    };

    private final AnalyzeOptions options;

    public LogAnalyzer(AnalyzeOptions options) {
        this.options = options == null ? AnalyzeOptions.defaults() : options;
    }

    /** Analyses a file (plain or gzip). */
    public Report analyze(Path file) throws UnreadableInputException {
        try {
            long t0 = System.nanoTime();
            InputReader.Parsed parsed = new InputReader(options.input(), HOOKS).read(file);
            Timing.mark("read", t0);
            return analyze(parsed);
        } catch (IOException e) {
            throw new UnreadableInputException(file.toString(), "cannot be read (" + oneLine(e) + ")");
        }
    }

    /** Analyses a stream (pasted text, a Slack download, stdin); sourceName names it in messages. */
    public Report analyze(InputStream in, String sourceName) throws UnreadableInputException {
        try {
            return analyze(new InputReader(options.input(), HOOKS).read(in, sourceName));
        } catch (IOException e) {
            throw new UnreadableInputException(sourceName, "cannot be read (" + oneLine(e) + ")");
        }
    }

    /**
     * For a one-shot process (the analyze command) once the analysis is done: no more optimising compiles, so none
     * is still running when the process exits (see Tuning.endOfProcess). Never for the bot, which keeps running.
     */
    public static void endOfProcess() {
        Tuning.endOfProcess();
    }

    private static String oneLine(IOException e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    private Report analyze(InputReader.Parsed parsed) {
        Columns c = parsed.columns();
        InputSummary input = parsed.summary();
        boolean timed = input.roles().timeField() != null;
        Tuning.analysisStarts();
        long t0 = System.nanoTime();
        ChangePoint.Whole whole = ChangePoint.whole(c);
        LatencyBins bins = whole.bins();
        long min = whole.min();
        long max = whole.max();
        ChangePoint.Split split = ChangePoint.best(whole.series());
        t0 = Timing.mark("change point", t0);
        long start = split == null ? Long.MAX_VALUE : split.start();
        long end = split == null ? Long.MAX_VALUE : split.end();
        Contrast ct = new Contrast(c, bins, start, end);
        t0 = Timing.mark("contrast", t0);
        RootCause.Result rc = split == null ? new RootCause.Result(ct.singles(), null, new int[0], new int[0],
                List.of(), null, null) : RootCause.find(ct);
        if (split != null && end != Long.MAX_VALUE) {
            // a recovery found in a noisy series can cut the window to a chance bump: when the open window names
            // another cause (or one where the cut names none) with stronger evidence, the recovery was noise
            // (CorpusTest interaction-*-1000; DetectionRulesTest keeps a real one)
            Contrast open = new Contrast(c, bins, start, Long.MAX_VALUE);
            RootCause.Result rcOpen = RootCause.find(open);
            if (rcOpen.culprit() != null && (rc.culprit() == null
                    || !rcOpen.culprit().attributes().equals(rc.culprit().attributes())
                    && rcOpen.culprit().net() > rc.culprit().net())) {
                ct = open;
                rc = rcOpen;
                end = Long.MAX_VALUE;
            }
        }
        if (split != null && rc.culprit() == null) {
            // several causes, none alone explaining half the trouble, together may (Causes.rescue)
            RootCause.Result several = Causes.rescue(ct, rc);
            rc = several == null ? rc : several;
        }
        if (split != null) {
            // a group inside the culprit holding nearly all its trouble is the cause (Causes.refine)
            rc = Causes.refine(ct, rc);
        }
        t0 = Timing.mark("root cause", t0);
        long[] onset = rc.culprit() == null ? null : Onset.find(c, ct, rc, rc.culprit().isNew(), start, min, max);
        if (onset != null && timed && onset[0] > start) {
            // the overall split is bucket-coarse; count the incident from the culprit's own onset so every
            // "since" in the report covers the same requests
            Contrast exact = new Contrast(c, bins, onset[0], end);
            RootCause.Result again = RootCause.find(exact);
            if (again.culprit() != null && again.culprit().attributes().equals(rc.culprit().attributes())) {
                ct = exact;
                rc = again;
                start = onset[0];
            }
        }
        t0 = Timing.mark("onset", t0);
        List<GroupStats> further = split == null || rc.culprit() == null ? List.of()
                : Causes.find(ct, rc.dims(), rc.codes()).causes();
        t0 = Timing.mark("further causes", t0);
        GroupStats culprit = rc.culprit();
        GroupStats rest = null;
        List<GroupStats> peers = new ArrayList<>();
        Map<String, List<GroupStats>> breakdown = new LinkedHashMap<>();
        List<GroupStats> decoys = new ArrayList<>();
        Instant startedAt = null;
        Instant thirdBad = null;
        if (culprit != null) {
            rest = rc.rest();
            String firstDim = c.dimNames().get(rc.dims()[0]);
            for (GroupStats g : rc.groups()) {
                String v = g.attributes().get(firstDim);
                if (v != null && !v.equals(culprit.attributes().get(firstDim))) {
                    peers.add(g);
                }
            }
            peers.sort(Comparator.comparingLong(GroupStats::incidentRequests).reversed());
            long[][][] bd = rc.breakdown();
            for (int d = 0; d < c.dims().length; d++) {
                if (contains(rc.dims(), d)) {
                    continue;
                }
                List<GroupStats> parts = new ArrayList<>();
                for (int v = 0; v < bd[d].length; v++) {
                    if (bd[d][v][Contrast.NI] > 0) {
                        Map<String, String> attrs = new LinkedHashMap<>(culprit.attributes());
                        attrs.put(c.dimNames().get(d), c.dimValues()[d][v]);
                        parts.add(ct.score(attrs, bd[d][v], null, null));
                    }
                }
                parts.sort(Comparator.comparingLong(GroupStats::incidentRequests).reversed());
                breakdown.put(c.dimNames().get(d), parts.subList(0, Math.min(6, parts.size())));
            }
            LatencyStats base = LatencyStats.of(ct.totalBaseline);
            for (GroupStats g : rc.groups()) {
                boolean slowBefore = !g.baselineLatency().isEmpty() && base.p50() > 0
                        && g.baselineLatency().p50() >= 2 * base.p50() && g.incidentLatency().p50() >= 2 * base.p50();
                boolean failingBefore = g.baselineRequests() >= Contrast.MIN_OWN_BASELINE
                        && g.baselineFailureRate() >= 0.2;
                if (!culprit.attributes().equals(g.attributes()) && g.baselineRequests() >= Contrast.MIN_OWN_BASELINE
                        && !culprit.attributes().keySet().containsAll(g.attributes().keySet())
                        && (slowBefore || failingBefore) && decoys.size() < 3) {
                    decoys.add(g);
                }
            }
            // kept for the text even without timestamps (then they are record numbers); the report gets null
            startedAt = Instant.ofEpochMilli(onset[0]);
            thirdBad = onset[1] != Long.MIN_VALUE ? Instant.ofEpochMilli(onset[1]) : null;
        }
        t0 = Timing.mark("evidence", t0);
        int s = c.stride();
        Analysis a = new Analysis(split == null || !timed ? null : Instant.ofEpochMilli(start),
                split == null || end == Long.MAX_VALUE || !timed ? null : Instant.ofEpochMilli(end),
                split == null ? 0 : Math.round(split.score() * 100) / 100.0,
                split == null ? 0 : split.bucketMs() / 1000, ct.globalThresholdMs,
                ct.total[Contrast.NB] * s, ct.total[Contrast.BADB] * s, ct.total[Contrast.NI] * s,
                ct.total[Contrast.BADI] * s, culprit, rest, peers, breakdown, rc.groups(), rc.refinements(),
                ct.surprise(), null, timed ? Instant.ofEpochMilli(min) : null, timed ? Instant.ofEpochMilli(max) : null,
                further);
        LatencyStats baseLat = LatencyStats.of(ct.totalBaseline);
        LatencyStats incLat = LatencyStats.of(ct.totalIncident);
        double baseFail = ct.total[Contrast.NB] == 0 ? 0 : (double) ct.total[Contrast.FAILB] / ct.total[Contrast.NB];
        double incFail = ct.total[Contrast.NI] == 0 ? 0 : (double) ct.total[Contrast.FAILI] / ct.total[Contrast.NI];
        Facts.Times times = new Facts.Times(timed, split == null ? null : Instant.ofEpochMilli(start),
                split == null || end == Long.MAX_VALUE ? null : Instant.ofEpochMilli(end), Instant.ofEpochMilli(min),
                Instant.ofEpochMilli(max));
        Facts f = new Facts(a, input, culprit, rest, peers, breakdown, decoys, startedAt, thirdBad, baseLat, incLat,
                baseFail, incFail, times);
        SuggestedAlert alert = Advice.alert(f);
        a = new Analysis(a.windowStart(), a.windowEnd(), a.changeScore(), a.bucketSeconds(), a.slowThresholdMs(),
                a.baselineRequests(), a.baselineBad(), a.incidentRequests(), a.incidentBad(), culprit, rest, peers,
                breakdown, a.groups(), a.refinements(), a.dimensionSurprise(), alert, a.logStart(), a.logEnd(),
                further);
        f = new Facts(a, input, culprit, rest, peers, breakdown, decoys, startedAt, thirdBad, baseLat, incLat,
                baseFail, incFail, times);
        // only when asked: a pass over every row that the plain analysis (and its benchmark) does without
        long ts = System.nanoTime();
        Timeline timeline = options.series() && timed ? Timelines.of(c, culprit, startedAt, min, max) : null;
        if (timeline != null) {
            Timing.mark("series", ts);
        }
        return new Report(culprit == null ? Report.NO_ANOMALY : Report.REGRESSION, Narrative.headline(f),
                culprit == null ? Map.of() : culprit.attributes(), timed ? startedAt : null, Narrative.evidence(f),
                Advice.immediateAction(f, alert), Advice.prevention(f, alert), Advice.retroNotes(f, alert), input,
                a, timeline);
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }
}
