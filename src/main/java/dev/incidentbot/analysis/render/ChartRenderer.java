package dev.incidentbot.analysis.render;

import dev.incidentbot.analysis.report.Report;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** The analysis chart as PNG bytes: p95 latency and failure rate over time, culprit versus the rest, onset marked. */
public final class ChartRenderer {
    /** Slack shows an image preview about this wide; at this size the fonts below stay legible in it. */
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 700;

    static {
        // before any AWT class initialises: a server has no display, and headless must be chosen up front
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartRenderer() {
    }

    /** The chart of a report made with its series (AnalyzeOptions.withSeries), at WIDTH x HEIGHT. */
    public static byte[] png(Report report) {
        return png(report, WIDTH, HEIGHT);
    }

    /**
     * The chart as a complete PNG, or a ChartException: the bytes are only returned once the whole image is
     * encoded in memory, so a caller never writes half an image.
     *
     * @throws IllegalArgumentException when the report has no series (not asked for, or a log without timestamps)
     */
    public static byte[] png(Report report, int width, int height) {
        if (report == null || report.timeline() == null) {
            throw new IllegalArgumentException("the report has no time series to chart (the log has no timestamps, "
                    + "or the analysis was not asked for one)");
        }
        if (width < 200 || height < 150 || (long) width * height > 16_000_000L) {
            throw new IllegalArgumentException("chart size " + width + "x" + height + " is out of range");
        }
        try {
            BufferedImage image = ChartPlots.chart(report).createBufferedImage(width, height,
                    BufferedImage.TYPE_INT_RGB, null);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG encoder in this Java runtime");
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException | java.awt.AWTError | LinkageError | InternalError e) {
            // AWTError, LinkageError, InternalError: what a runtime without fonts or native AWT libraries throws
            String m = e.getMessage();
            throw new ChartException("cannot draw the chart (" + e.getClass().getSimpleName()
                    + (m == null ? "" : ": " + m.replace('\n', ' ')) + ")", e);
        }
    }
}
