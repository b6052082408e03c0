package dev.incidentbot.analysis.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentbot.analysis.AnalyzeOptions;
import dev.incidentbot.analysis.LogAnalyzer;
import dev.incidentbot.analysis.PlantedLog;
import dev.incidentbot.analysis.report.Report;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart PNG: decodes, has the promised size, and draws the culprit and the rest in their colours. */
class ChartRendererTest {
    @TempDir
    static Path dir;
    private static Report planted;
    private static Report steady;

    @BeforeAll
    static void analyse() throws Exception {
        planted = PlantedLog.analyze(PlantedLog.write(dir, 12_000, true));
        steady = PlantedLog.analyze(PlantedLog.write(dir, 6_000, false));
    }

    private static BufferedImage decode(byte[] png) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img).as("decodes as an image").isNotNull();
        return img;
    }

    private static int pixels(BufferedImage img, Color c) {
        int n = 0;
        int rgb = c.getRGB() & 0xffffff;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void aRegressionChartShowsTheCulpritAgainstTheRest() throws Exception {
        byte[] png = ChartRenderer.png(planted);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage img = decode(png);
        assertThat(img.getWidth()).isEqualTo(ChartRenderer.WIDTH);
        assertThat(img.getHeight()).isEqualTo(ChartRenderer.HEIGHT);
        // thick lines over ~120 buckets in two plots: thousands of pixels each, not a legend swatch only
        assertThat(pixels(img, ChartPlots.CULPRIT)).isGreaterThan(2_000);
        assertThat(pixels(img, ChartPlots.REST)).isGreaterThan(2_000);
        assertThat(pixels(img, ChartPlots.ONSET)).as("the onset marker").isGreaterThan(100);
    }

    @Test
    void noAnomalyStillChartsTheOverallSeries() throws Exception {
        assertThat(steady.verdict()).isEqualTo(Report.NO_ANOMALY);
        BufferedImage img = decode(ChartRenderer.png(steady));
        assertThat(img.getWidth()).isEqualTo(ChartRenderer.WIDTH);
        assertThat(pixels(img, ChartPlots.REST)).isGreaterThan(2_000);
        assertThat(pixels(img, ChartPlots.CULPRIT)).isZero();
    }

    @Test
    void otherSizesAreHonoured() throws Exception {
        BufferedImage img = decode(ChartRenderer.png(planted, 800, 500));
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(500);
    }

    @Test
    void aReportWithoutSeriesIsAClearError() throws Exception {
        Report plain = new LogAnalyzer(AnalyzeOptions.defaults()).analyze(dir.resolve("planted.ndjson"));
        assertThatThrownBy(() -> ChartRenderer.png(plain)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no time series");
        assertThatThrownBy(() -> ChartRenderer.png(planted, 10, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headlessWithoutTheCallerAskingForIt() {
        ChartRenderer.png(steady);
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void textFromTheLogIsDrawnAsItIsButTamed() {
        assertThat(ChartPlots.drawn("version=<b>2.4.1</b>")).isEqualTo("version=<b>2.4.1</b>");
        assertThat(ChartPlots.drawn("pod=a\nb\u0000")).isEqualTo("pod=a b ");
        String longValue = "x".repeat(200);
        assertThat(ChartPlots.drawn(longValue)).hasSize(61).endsWith("…");
    }
}
