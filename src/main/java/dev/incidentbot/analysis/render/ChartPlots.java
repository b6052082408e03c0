package dev.incidentbot.analysis.render;

import dev.incidentbot.analysis.report.Report;
import dev.incidentbot.analysis.report.Timeline;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Builds the JFreeChart of a report's Timeline: two stacked plots (p95 latency, failure rate) on one UTC axis. */
final class ChartPlots {
    /** The culprit's line: red reads as "the problem" at a glance. */
    static final Color CULPRIT = new Color(0xD6, 0x27, 0x28);
    /** Everything else (and all rows when there is no culprit): a calm blue. */
    static final Color REST = new Color(0x1F, 0x77, 0xB4);
    static final Color ONSET = new Color(0x33, 0x33, 0x33);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final String FONT = Font.SANS_SERIF;
    /** Longer labels (values come from the log) are cut so the title and legend keep their layout. */
    private static final int MAX_LABEL = 60;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private ChartPlots() {
    }

    static JFreeChart chart(Report report) {
        Timeline t = report.timeline();
        List<Timeline.Series> lines = t.hasCulprit() ? List.of(t.culprit(), t.rest()) : List.of(t.overall());
        List<Color> colours = t.hasCulprit() ? List.of(CULPRIT, REST) : List.of(REST);
        XYSeriesCollection latency = new XYSeriesCollection();
        XYSeriesCollection failures = new XYSeriesCollection();
        for (Timeline.Series s : lines) {
            // the key is what the legend shows: drawn as plain text, never interpreted
            String key = drawn(s.label());
            XYSeries lat = new XYSeries(key, false, false);
            XYSeries fail = new XYSeries(key, false, false);
            for (Timeline.Point p : s.points()) {
                double x = p.start().toEpochMilli() + t.bucketSeconds() * 500.0; // at the bucket's middle
                // an empty bucket is a gap in the line, not a fall to zero
                lat.add(x, Double.isNaN(p.p95Ms()) ? null : p.p95Ms());
                fail.add(x, Double.isNaN(p.failureRate()) ? null : p.failureRate() * 100);
            }
            latency.addSeries(lat);
            failures.addSeries(fail);
        }
        DateAxis time = new DateAxis("time (UTC)", TimeZone.getTimeZone("UTC"), Locale.ROOT);
        long from = t.from().toEpochMilli();
        long to = t.overall().points().get(t.overall().points().size() - 1).start().toEpochMilli()
                + t.bucketSeconds() * 1000;
        time.setRange(from, Math.max(to, from + 1000));
        axisFonts(time);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(16);
        XYPlot top = plot(latency, "p95 latency (ms)", colours, true);
        XYPlot bottom = plot(failures, "failure rate (%)", colours, false);
        ((NumberAxis) bottom.getRangeAxis()).setUpperBound(Math.max(5, maxOf(failures) * 1.1));
        if (t.onset() != null) {
            boolean late = t.onset().toEpochMilli() - from > 0.7 * (to - from);
            top.addDomainMarker(onset(t.onset(), late, true));
            bottom.addDomainMarker(onset(t.onset(), late, false));
        }
        plot.add(top, 3);
        plot.add(bottom, 2);
        JFreeChart chart = new JFreeChart(title(report), new Font(FONT, Font.BOLD, 26), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        chart.addSubtitle(0, new TextTitle(subtitle(t), new Font(FONT, Font.PLAIN, 18)));
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(new Font(FONT, Font.PLAIN, 18));
        legend.setPosition(RectangleEdge.TOP);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        return chart;
    }

    private static XYPlot plot(XYSeriesCollection data, String label, List<Color> colours, boolean inLegend) {
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(true);
        axisFonts(y);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < colours.size(); i++) {
            r.setSeriesPaint(i, colours.get(i));
            r.setSeriesStroke(i, new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            // a dot per bucket keeps a bucket between two empty ones visible
            r.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
            // both plots have the same lines: one legend entry each is enough
            r.setSeriesVisibleInLegend(i, inLegend);
        }
        XYPlot p = new XYPlot(data, null, y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(GRID);
        p.setRangeGridlinePaint(GRID);
        p.setOutlineVisible(false);
        return p;
    }

    private static ValueMarker onset(Instant onset, boolean late, boolean labelled) {
        ValueMarker m = new ValueMarker(onset.toEpochMilli(), ONSET,
                new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        if (labelled) {
            m.setLabel("onset " + TIME.format(onset) + " UTC");
            m.setLabelFont(new Font(FONT, Font.BOLD, 17));
            m.setLabelPaint(ONSET);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 220));
            // the label goes on the side with room: left of the line when the onset is late in the log
            m.setLabelAnchor(late ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(late ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
            m.setLabelOffset(new RectangleInsets(6, 8, 6, 8));
        }
        return m;
    }

    private static void axisFonts(org.jfree.chart.axis.Axis a) {
        a.setLabelFont(new Font(FONT, Font.BOLD, 18));
        a.setTickLabelFont(new Font(FONT, Font.PLAIN, 16));
    }

    private static String title(Report r) {
        Timeline t = r.timeline();
        return t.hasCulprit() ? "Root cause: " + drawn(t.culprit().label()) : "No anomaly found";
    }

    private static String subtitle(Timeline t) {
        String per = "per " + duration(t.bucketSeconds()) + " bucket";
        return t.hasCulprit()
                ? "p95 latency and failure rate " + per + ", onset " + (t.onset() == null ? "unknown"
                        : DATE_TIME.format(t.onset()) + " UTC")
                : "p95 latency and failure rate of all requests " + per + ", from "
                        + DATE_TIME.format(t.from()) + " UTC";
    }

    private static double maxOf(XYSeriesCollection c) {
        double max = 0;
        for (int s = 0; s < c.getSeriesCount(); s++) {
            for (int i = 0; i < c.getItemCount(s); i++) {
                double v = c.getYValue(s, i);
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        return max;
    }

    /** Text from the log as it is drawn: control characters blanked, cut to MAX_LABEL characters. */
    static String drawn(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_LABEL + 1));
        for (int i = 0; i < s.length() && b.length() < MAX_LABEL; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (b.length() > 0 && Character.isHighSurrogate(b.charAt(b.length() - 1))) {
            b.setLength(b.length() - 1); // never half a character
        }
        return s.length() > MAX_LABEL ? b.append('…').toString() : b.toString();
    }

    /** Bucket widths as people say them: "30 s", "5 min", "1 h", "1 d". */
    private static String duration(long seconds) {
        return seconds % 86_400 == 0 ? seconds / 86_400 + " d" : seconds % 3_600 == 0 ? seconds / 3_600 + " h"
                : seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
