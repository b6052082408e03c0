package dev.incidentbot.analysis.corpus;

import dev.incidentbot.analysis.AnalyzeOptions;
import dev.incidentbot.analysis.LogAnalyzer;
import dev.incidentbot.analysis.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the analyzer over the corpus and prints, per kind, how many it got right, too fine, too coarse, wrong,
 * no_anomaly, or (where nothing was planted) falsely alarmed. {@code bench/corpus.sh} runs it over everything.
 *
 * <p>Arguments: MAX_RECORDS SEEDS [SCRATCH_DIR] [--misses].
 */
public final class CorpusRun {
    private CorpusRun() {
    }

    public static void main(String[] args) throws Exception {
        int max = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = args.length > 2 ? Files.createDirectories(Path.of(args[2])) : Files.createTempDirectory("corpus");
        boolean misses = List.of(args).contains("--misses");
        Map<Kind, EnumMap<Outcome, Integer>> table = new EnumMap<>(Kind.class);
        List<Case> cases = Corpus.all(max, seeds);
        long t0 = System.nanoTime();
        for (Case c : cases) {
            Path f = dir.resolve(c.name() + c.format().extension());
            Generator.write(c, f);
            Report r = new LogAnalyzer(AnalyzeOptions.defaults()).analyze(f);
            Outcome o = Outcome.judgeAll(c.causes(), Named.of(r));
            table.computeIfAbsent(c.kind(), k -> new EnumMap<>(Outcome.class)).merge(o, 1, Integer::sum);
            if (misses && o != Outcome.RIGHT) {
                System.out.println("  miss " + c.name() + ": planted " + c.causes() + ", found " + Named.of(r) + " (" + o + ")");
            }
            Files.delete(f);
        }
        System.out.println(render(table));
        System.out.printf("%d cases in %.0f s%n", cases.size(), (System.nanoTime() - t0) / 1e9);
    }

    /** The table: one row per kind, one column per outcome, and the share right. */
    static String render(Map<Kind, EnumMap<Outcome, Integer>> table) {
        StringBuilder sb = new StringBuilder("| kind | cases | right | too fine | too coarse | wrong | no_anomaly | false alarm | extra cause | missed cause | right % |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        int all = 0;
        int right = 0;
        for (var e : table.entrySet()) {
            EnumMap<Outcome, Integer> m = e.getValue();
            int n = m.values().stream().mapToInt(Integer::intValue).sum();
            all += n;
            right += m.getOrDefault(Outcome.RIGHT, 0);
            sb.append("| ").append(e.getKey().name().toLowerCase()).append(" | ").append(n);
            for (Outcome o : Outcome.values()) {
                sb.append(" | ").append(m.getOrDefault(o, 0));
            }
            sb.append(String.format(" | %.1f |%n", 100.0 * m.getOrDefault(Outcome.RIGHT, 0) / n));
        }
        sb.append(String.format("| all | %d | %d | | | | | | | | %.1f |%n", all, right, 100.0 * right / Math.max(1, all)));
        return sb.toString();
    }
}
