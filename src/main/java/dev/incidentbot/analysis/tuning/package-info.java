/**
 * The analysis's JIT and warm-up measures, in one place: what each buys, measured on the 2M-event bench file
 * (bench/analyze_vs_duckdb.sh, 2 cores, see bench/README.md for the runs). They change how fast the code runs,
 * never what it computes (WarmupTest, WholeLogTest, CorpusTest: the same reports with and without them). The
 * stages do not call this package: input reaches it through its ParseHooks port, which LogAnalyzer fills from
 * {@link dev.incidentbot.analysis.tuning.Tuning}; this package calls the loops of input, changepoint and cause.
 *
 * <ul>
 *   <li><b>Quick compiles only</b> (JitHint): for inputs of 16 MB and more a compiler directive, added at run
 *   time, keeps C2 off the analyzer's methods. An analysis is a one-shot run of about a second; C2 spent several
 *   CPU seconds compiling (and recompiling after deoptimisations) loops that had mostly finished, while the
 *   profiled tier ran slowly; C1-only code did the same run in a quarter of the CPU time. The directive matches
 *   {@code dev/incidentbot/analysis*}, so every stage package is covered. Added through DiagnosticCommandImpl
 *   directly (the jar's manifest opens the two JDK packages): ~40 ms in the background instead of ~130 ms through
 *   the platform MBean server. Its file is not made by Files.createTempFile, whose SecureRandom loaded 228 of the
 *   run's 1254 classes.</li>
 *   <li><b>Unsafe's unaligned reads inlined</b> (the same directive): C1 declined them in a tiered run, so every
 *   word read through a byte-array VarHandle was a call; a 4 MB chunk of the parse took 6.5 ms of CPU, 5 with it.</li>
 *   <li><b>Warm-up</b> (Warmup): the analysis's loops called ~2,000 times on 24 made-up rows by a thread the
 *   parse starts once it has stored 8 chunks, so the real single call on 2M rows runs plain C1 code from its first
 *   row instead of ~60,000 interpreted iterations, an on-stack compile and the profiled tier. Round 4: change point
 *   7.5 to 3.0 ms, contrast 45.6 to 32.5, root cause 9.9 to 7.4, onset 20.2 to 13.6 (median of 15); its compiles
 *   cost the parse 10-16 ms of CPU wherever they start.</li>
 *   <li><b>No C2 after the report</b> (JitHint.lastCompiles): the VM's exit waited in 10 ms steps for C2 compiles
 *   of StringBuilder methods started while rendering; first byte to exit 24 to 15 ms.</li>
 * </ul>
 *
 * <p>JIT-shaped code that must stay with its loop, listed here so it is found: JsonReader.knownRecords (a batch
 * of records per call, so the parse leaves the profiled tier: 6.5 to 4.7 ms per chunk), WholeLog.SLICE (the fold
 * in slices of 128 rows: 46 to 33 ms), FlatJson (kept small so it compiles early), ContrastPasses and
 * LatencyGroups (one loop per pass, no shared per-row helper, which C1 would call), GroupRows (row masks instead of
 * a matcher per row), Halves.sum (one merge loop for every part), ColumnBuilder (no Arrays.fill, a call C1 does not
 * inline), ParallelParse.WARM_AFTER and InputReader.JIT_HINT_MIN (when the measures above start), and the compiler
 * flag -XDstringConcat=inline in pom.xml (no invokedynamic concatenation bootstraps: ~0.1 s of a run).
 */
package dev.incidentbot.analysis.tuning;
