package dev.incidentbot.analysis.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parses an NDJSON file on every core: many chunks split at line starts are handed out in file order to worker
 * threads and the calling thread, and each finished chunk goes to the RowStore in file order.
 *
 * <p>More chunks than threads so no core idles at the end (with one chunk per thread, the last one to finish
 * decides, and on a shared machine the threads rarely finish together); small chunks so a builder's columns stay
 * in cache until the store copies them.
 */
final class ParallelParse {
    /** Bytes per chunk: about 30,000 records of the bench log, whose columns take under 1 MB. */
    static final long CHUNK = 4 << 20;
    /** The read buffer of each thread, reused across its chunks. */
    private static final int WINDOW = 1 << 20;
    /**
     * Chunks stored before the analysis's warm-up starts (see ParseHooks.parseUnderway): by then the parser's hot
     * methods are compiled, so the warm-up's compiles do not delay theirs.
     */
    static final int WARM_AFTER = 8;

    private final FileChannel ch;
    private final long[] bounds;
    private final FieldRoles roles;
    private final ByteDict[] seeds;
    private final int chunkRows;
    private final RowStore store;
    /** Makes the whole-log pass each thread adds its chunks to (null: no fold), once, see whole(). */
    private final Guess guess;
    /** Run once WARM_AFTER chunks are stored (see ParseHooks.parseUnderway). */
    private final Runnable underway;
    private RowFold whole;
    private boolean guessed;
    private final AtomicInteger next = new AtomicInteger();
    // guarded by this: chunks parsed but waiting for an earlier one, the first chunk not yet stored, idle builders
    private final ColumnBuilder[] done;
    private int stored;
    private boolean allocated;
    private final ArrayDeque<ColumnBuilder> spare = new ArrayDeque<>();
    private Throwable failure;

    private ParallelParse(FileChannel ch, long[] bounds, FieldRoles roles, ByteDict[] seeds, long avgRecord,
                          long chunkBytes, RowStore store, Guess guess, Runnable underway) {
        this.guess = guess;
        this.underway = underway;
        this.ch = ch;
        this.bounds = bounds;
        this.roles = roles;
        this.seeds = seeds;
        this.chunkRows = (int) Math.min(1 << 24, chunkBytes / Math.max(1, avgRecord) * 11 / 10 + 16);
        this.store = store;
        this.done = new ColumnBuilder[bounds.length - 1];
    }

    /**
     * Parses bytes [0, size) of the channel with threads threads (the caller's included) into the store; each thread
     * runs ready (waiting for the JIT hint) before its first chunk, the first helper after allocating the store's
     * columns, so that the wait and the allocation overlap; underway runs once WARM_AFTER chunks are stored. With a
     * guess (else null), each thread also adds every chunk it parsed to the change point's whole-log pass (the
     * RowFold port), while the chunk's columns are in cache.
     */
    static void run(FileChannel ch, long size, FieldRoles roles, ByteDict[] seeds, long avgRecord, RowStore store,
                    int threads, long chunkBytes, Runnable ready, Runnable underway, Guess guess) throws IOException {
        int chunks = (int) Math.max(1, Math.min(1 << 16, (size + chunkBytes - 1) / chunkBytes));
        long[] bounds = new long[chunks + 1];
        bounds[chunks] = size;
        for (int i = 1; i < chunks; i++) {
            bounds[i] = Math.max(bounds[i - 1], lineStart(ch, size * i / chunks, size));
        }
        ParallelParse p = new ParallelParse(ch, bounds, roles, seeds, avgRecord, size / chunks, store, guess, underway);
        Thread[] helpers = new Thread[Math.max(0, Math.min(threads, chunks) - 1)];
        for (int i = 0; i < helpers.length; i++) {
            // the first helper allocates the store's columns while the calling thread starts parsing
            boolean allocates = i == 0;
            helpers[i] = new Thread(() -> {
                if (allocates) {
                    p.allocate();
                }
                ready.run();
                p.work();
            }, "analyze-parse");
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
        if (helpers.length == 0) {
            p.allocate();
        }
        long t0 = System.nanoTime();
        ready.run();
        Timing.mark("jit hint (wait)", t0);
        p.work();
        try {
            for (Thread t : helpers) {
                t.join();
            }
        } catch (InterruptedException e) {
            p.fail(e);
            Thread.currentThread().interrupt();
        }
        synchronized (p) {
            if (p.failure instanceof IOException io) {
                throw io;
            } else if (p.failure instanceof RuntimeException re) {
                throw re;
            } else if (p.failure instanceof Error err) {
                throw err;
            } else if (p.failure != null) {
                throw new IOException("interrupted");
            }
        }
    }

    private void work() {
        byte[] buffer = new byte[WINDOW];
        RowFold.Part part = null;
        int k;
        while ((k = next.getAndIncrement()) < done.length) {
            ColumnBuilder b = take();
            try {
                JsonReader.read(ByteWindow.of(ch, bounds[k], bounds[k + 1], buffer), b);
                if (guess != null) {
                    if (part == null) {
                        RowFold w = whole();
                        part = w == null ? null : w.part();
                    }
                    if (part != null) {
                        b.fold(part);
                    }
                }
            } catch (IOException | RuntimeException | Error e) {
                fail(e);
                return;
            }
            if (!finished(k, b)) {
                return;
            }
        }
    }

    /** Makes the whole-log pass to fold in, for a log whose time bounds are guessed (it checks the guess). */
    interface Guess {
        RowFold make() throws IOException;
    }

    /**
     * The whole-log pass, guessed by the first thread to ask, before any chunk with bins is stored; each thread asks
     * after its first chunk, so every chunk is folded in or none.
     */
    private synchronized RowFold whole() throws IOException {
        if (!guessed) {
            guessed = true;
            whole = guess.make();
            store.folding(whole);
        }
        return whole;
    }

    private void allocate() {
        try {
            store.allocate();
        } catch (RuntimeException | Error e) {
            fail(e);
            return;
        }
        synchronized (this) {
            allocated = true;
            storeReady();
        }
    }

    private synchronized ColumnBuilder take() {
        ColumnBuilder b = spare.poll();
        return b != null ? b : new ColumnBuilder(roles, seeds, chunkRows);
    }

    /** Stores chunk k and every chunk after it that is ready; false when the parse has failed. */
    private synchronized boolean finished(int k, ColumnBuilder b) {
        if (failure != null) {
            return false;
        }
        done[k] = b;
        storeReady();
        return true;
    }

    /** Hands the chunks that are next in file order to the store, once its columns exist. */
    private void storeReady() {
        while (allocated && stored < done.length && done[stored] != null) {
            ColumnBuilder c = done[stored];
            done[stored++] = null;
            store.append(c);
            c.clearRows();
            spare.push(c);
            if (stored == WARM_AFTER) {
                underway.run();
            }
        }
    }

    private synchronized void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        }
        next.set(done.length); // the other threads stop after their current chunk
    }

    /** The first position at or after from that starts a line beginning with '{' (a record of NDJSON). */
    static long lineStart(FileChannel ch, long from, long size) throws IOException {
        byte[] buf = new byte[4096];
        long pos = from;
        boolean afterNewline = false;
        while (pos < size) {
            int n = ch.read(ByteBuffer.wrap(buf), pos);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (afterNewline && buf[i] == '{') {
                    return pos + i;
                }
                afterNewline = buf[i] == '\n';
            }
            pos += n;
        }
        return size;
    }
}
