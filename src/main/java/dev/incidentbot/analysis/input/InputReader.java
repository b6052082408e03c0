package dev.incidentbot.analysis.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * Turns a file or stream into Columns: detects compression and format, samples records to assign field roles,
 * then parses everything into one RowStore (NDJSON files in parallel chunks split at line starts).
 */
public final class InputReader {
    /** Rows kept in memory at most (about 25 bytes each); beyond, a systematic sample is kept. */
    static final int ROW_CAP = 3_000_000;
    private static final int SNIFF = 64 * 1024;
    private static final int IN_MEMORY = 8 << 20;
    private static final int PARALLEL_MIN = 4 << 20;
    /** Rows a sequential parse collects before handing them to the store, so its builder stays small. */
    private static final int FLUSH_ROWS = 1 << 16;
    /** Inputs this large run long enough for the JIT choice to matter (see JitHint). */
    private static final long JIT_HINT_MIN = 16 << 20;

    private final InputOptions options;
    private final ParseHooks hooks;

    /** A reader with what the caller forces, and the hooks the analysis around it asks for (see ParseHooks). */
    public InputReader(InputOptions options, ParseHooks hooks) {
        this.options = options;
        this.hooks = hooks;
    }

    /** The parsed columns and what the report says about the input. */
    public record Parsed(Columns columns, InputSummary summary) {
    }

    public Parsed read(Path file) throws UnreadableInputException, IOException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new UnreadableInputException(name, "is a directory, not a log file");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException(name, "no such file");
        } catch (IOException | SecurityException e) {
            throw new UnreadableInputException(name, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        try (ch) {
            long size = ch.size();
            if (size == 0) {
                throw new UnreadableInputException(name, "is empty");
            }
            byte[] head = new byte[(int) Math.min(2, size)];
            ch.read(ByteBuffer.wrap(head), 0);
            if (head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                    return readStream(in, name, true);
                } catch (java.util.zip.ZipException e) {
                    throw new UnreadableInputException(name, "is a damaged gzip file");
                }
            }
            return readChannel(ch, size, name, "");
        }
    }

    public Parsed read(InputStream raw, String name) throws UnreadableInputException, IOException {
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw, 1 << 16);
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return readStream(new GZIPInputStream(in, 1 << 16), name, true);
            } catch (java.util.zip.ZipException e) {
                throw new UnreadableInputException(name, "is a damaged gzip file");
            }
        }
        return readStream(in, name, false);
    }

    /** Small streams are parsed from memory; larger ones are spooled to a temporary file to keep memory bounded. */
    private Parsed readStream(InputStream in, String name, boolean gzip) throws UnreadableInputException, IOException {
        ByteArrayOutputStream mem = new ByteArrayOutputStream(64 * 1024);
        byte[] buf = new byte[1 << 16];
        int r;
        while ((r = in.read(buf)) > 0) {
            mem.write(buf, 0, r);
            if (mem.size() > IN_MEMORY) {
                Path tmp = Files.createTempFile("incident-bot-analyze", ".log");
                try {
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        mem.writeTo(out);
                        mem = null;
                        while ((r = in.read(buf)) > 0) {
                            out.write(buf, 0, r);
                        }
                    }
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ)) {
                        return readChannel(ch, ch.size(), name, gzip ? "+gzip" : "");
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
        byte[] bytes = mem.toByteArray();
        if (bytes.length == 0) {
            throw new UnreadableInputException(name, "is empty");
        }
        return parse(bytes, null, bytes.length, name, gzip ? "+gzip" : "");
    }

    private Parsed readChannel(FileChannel ch, long size, String name, String suffix)
            throws UnreadableInputException, IOException {
        return parse(null, ch, size, name, suffix);
    }

    private ByteWindow window(byte[] bytes, FileChannel ch, long start, long end) {
        return bytes != null ? ByteWindow.of(bytes) : ByteWindow.of(ch, start, end);
    }

    private Parsed parse(byte[] bytes, FileChannel ch, long size, String name, String suffix)
            throws UnreadableInputException, IOException {
        if (size >= JIT_HINT_MIN) {
            hooks.quickCompiles(false);
        }
        byte[] prefix;
        if (bytes != null) {
            prefix = bytes.length <= SNIFF ? bytes : java.util.Arrays.copyOf(bytes, SNIFF);
        } else {
            prefix = new byte[(int) Math.min(SNIFF, size)];
            ByteBuffer bb = ByteBuffer.wrap(prefix);
            while (bb.hasRemaining() && ch.read(bb, bb.position()) > 0) {
                // positional reads until the prefix is full
            }
        }
        long t0 = System.nanoTime();
        Sniffer.Kind kind = Sniffer.sniff(prefix, options.inputFormat(), name);
        Sample sample = new Sample(1000);
        ByteWindow sampleWindow = window(bytes, ch, 0, size);
        run(kind, sampleWindow, sample);
        long sampled = sampleWindow.consumed(0);
        if (sample.records == 0) {
            throw new UnreadableInputException(name, "no record recognised as " + kind.label());
        }
        FieldRoles roles = FieldRoles.detect(sample, options);
        if (roles.latencyField() == null && roles.outcomeField() == null) {
            throw new UnreadableInputException(name, "no latency or outcome field found among "
                    + sample.columns.keySet() + " (use --latency-field or --outcome-field)");
        }
        t0 = Timing.mark("sniff + sample + roles", t0);
        ByteDict[] seeds = new ByteDict[roles.dimensions().size()];
        for (int d = 0; d < seeds.length; d++) {
            seeds[d] = new ByteDict();
            Sample.Column col = sample.columns.get(roles.dimensions().get(d));
            if (col != null) {
                for (String v : col.values) {
                    byte[] vb = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (seeds[d].size() < ColumnBuilder.MAX_DICT) {
                        seeds[d].code(vb, 0, vb.length);
                    }
                }
            }
        }
        long avgRecord = Math.max(16, sampled / Math.max(1, sample.records));
        // sized from the sample's bytes per record, 2% over it (the store grows when short, see RowStore.append)
        long expected = size / avgRecord * 102 / 100 + 1024;
        boolean parallel = kind == Sniffer.Kind.NDJSON && ch != null && size >= PARALLEL_MIN;
        // the parse threads fold in the change point's whole-log pass when no row will be thinned out
        boolean fold = parallel && expected <= ROW_CAP && roles.timeField() != null;
        RowStore store = new RowStore(roles, seeds, (int) Math.min(ROW_CAP, expected), ROW_CAP, fold);
        // the hot loops must not start before the JIT hint is in (see JitHint)
        Runnable ready = size >= JIT_HINT_MIN ? () -> hooks.quickCompiles(true)
                : () -> { };
        if (parallel) {
            ParallelParse.run(ch, size, roles, seeds, avgRecord, store, Runtime.getRuntime().availableProcessors(),
                    ParallelParse.CHUNK, ready, hooks::parseUnderway,
                    fold ? () -> guessWhole(ch, size, roles, seeds) : null);
        } else {
            ready.run();
            t0 = Timing.mark("jit hint (wait)", t0);
            ColumnBuilder b = new ColumnBuilder(roles, seeds, (int) Math.min(FLUSH_ROWS, expected))
                    .flushingTo(store, FLUSH_ROWS);
            run(kind, window(bytes, ch, 0, size), b);
            store.append(b);
        }
        t0 = Timing.mark("parse", t0);
        String label = kind == Sniffer.Kind.JSON && new String(prefix, 0, Math.min(prefix.length, 256),
                java.nio.charset.StandardCharsets.UTF_8).stripLeading().startsWith("[") ? "json-array" : kind.label();
        InputReader.Parsed parsed = store.finish(name, label + suffix);
        Timing.mark("merge", t0);
        return parsed;
    }

    /**
     * The whole-log pass for the parse threads to fold in, on a grid from the times of the file's first and last
     * few records (exact for a log in time order; the pass checks it), or null when they have none. Made by the
     * first parse thread done with a chunk: the parser's classes are loaded and warm by then.
     */
    private RowFold guessWhole(FileChannel ch, long size, FieldRoles roles,
                                                                 ByteDict[] seeds) throws IOException {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        long[][] ends = {{0, ParallelParse.lineStart(ch, Math.min(size, 4096), size)},
            {ParallelParse.lineStart(ch, Math.max(0, size - 8192), size), size}};
        for (long[] e : ends) {
            ColumnBuilder b = new ColumnBuilder(roles, seeds, 64);
            JsonReader.read(ByteWindow.of(ch, e[0], e[1]), b);
            for (int r = 0; r < b.n; r++) {
                lo = Math.min(lo, b.time[r]);
                hi = Math.max(hi, b.time[r]);
            }
        }
        return lo > hi ? null : hooks.fold(lo, hi);
    }

    private static void run(Sniffer.Kind kind, ByteWindow w, FieldSink sink) throws IOException {
        switch (kind) {
            case JSON, NDJSON -> JsonReader.read(w, sink);
            case LOGFMT -> LineReaders.logfmt(w, sink);
            case CSV -> LineReaders.delimited(w, sink, ',');
            case TSV -> LineReaders.delimited(w, sink, '\t');
            case ACCESS -> LineReaders.access(w, sink);
        }
    }

}
