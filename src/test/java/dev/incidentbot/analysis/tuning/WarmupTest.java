package dev.incidentbot.analysis.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.analysis.LogAnalyzer;
import dev.incidentbot.analysis.render.JsonRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analysis's warm-up runs its loops on made-up rows only: reports are the same with or without it. */
class WarmupTest {
    @TempDir
    Path dir;

    private Path log() throws Exception {
        Random rnd = new Random(11);
        StringBuilder sb = new StringBuilder();
        long t0 = 1_754_071_200_000L;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            int version = rnd.nextInt(3);
            boolean bad = i > n / 2 && version == 1;
            int ms = (int) ((bad ? 700 : 60) * (0.5 + rnd.nextDouble()));
            sb.append("{\"ts\":").append(t0 + i * 300L).append(",\"latency_ms\":").append(ms)
                    .append(",\"status\":\"").append(rnd.nextInt(200) == 0 ? "error" : "ok")
                    .append("\",\"version\":\"v").append(version).append("\",\"region\":\"r").append(rnd.nextInt(3))
                    .append("\",\"endpoint\":\"/e").append(rnd.nextInt(4)).append("\"}\n");
        }
        Path f = dir.resolve("log.ndjson");
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void reportIsTheSameWithTheWarmUpRunningAlongside() throws Exception {
        Path f = log();
        String before = JsonRenderer.render(new LogAnalyzer(null).analyze(f));
        int[] rounds = new int[1];
        Thread warm = new Thread(() -> rounds[0] = Warmup.run(Warmup.CALLS, () -> false));
        warm.start();
        String during = JsonRenderer.render(new LogAnalyzer(null).analyze(f));
        warm.join();
        assertThat(rounds[0]).isEqualTo(Warmup.CALLS);
        assertThat(during).isEqualTo(before).contains("\"version\": \"v1\"");
    }

    @Test
    void stopsOnceTheAnalysisStarts() {
        assertThat(Warmup.run(Warmup.CALLS, () -> true)).isZero();
    }
}
