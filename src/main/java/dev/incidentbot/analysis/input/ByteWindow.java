package dev.incidentbot.analysis.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A sliding byte buffer over a file region or a stream, so readers parse bytes in place with bounded memory. */
public final class ByteWindow {
    /** Records longer than this are skipped rather than growing the buffer further. */
    static final int MAX_BUFFER = 64 << 20;

    public byte[] buf;
    public int pos;
    public int lim;
    private boolean eof;
    private final FileChannel channel;
    private long filePos;
    private final long fileEnd;
    private final InputStream stream;

    private ByteWindow(int size, FileChannel channel, long start, long end, InputStream stream) {
        this.buf = new byte[size];
        this.channel = channel;
        this.filePos = start;
        this.fileEnd = end;
        this.stream = stream;
    }

    /** A window over bytes [start, end) of a file, read with positional reads so several can share a channel. */
    public static ByteWindow of(FileChannel channel, long start, long end) {
        return new ByteWindow((int) Math.min(Math.max(end - start, 16), 1 << 20), channel, start, end, null);
    }

    /**
     * The same over a caller's buffer, reused from chunk to chunk: a 1 MB array is a humongous object for G1 in
     * a 256 MB heap, and one per chunk would start concurrent collections.
     */
    static ByteWindow of(FileChannel channel, long start, long end, byte[] buffer) {
        ByteWindow w = new ByteWindow(0, channel, start, end, null);
        w.buf = buffer;
        return w;
    }

    public static ByteWindow of(InputStream in) {
        return new ByteWindow(1 << 20, null, 0, 0, in);
    }

    /** Bytes already in memory (small inputs, tests). */
    public static ByteWindow of(byte[] bytes) {
        ByteWindow w = new ByteWindow(0, null, 0, 0, null);
        w.buf = bytes;
        w.lim = bytes.length;
        w.eof = true;
        return w;
    }

    /** Bytes consumed so far (read and passed over) by a window over memory or a file region from start. */
    long consumed(long start) {
        return channel == null ? pos : filePos - start - (lim - pos);
    }

    public boolean eof() {
        return eof && pos >= lim;
    }

    /**
     * Keeps bytes from {@code keep} on, moves them to the front and reads more; returns the shift applied to
     * positions, or -1 when nothing more can be read (end of input, or the kept record exceeds MAX_BUFFER).
     */
    public int refill(int keep) throws IOException {
        if (eof) {
            return -1;
        }
        int shift = keep;
        int remaining = lim - keep;
        if (remaining >= buf.length) {
            if (buf.length >= MAX_BUFFER) {
                return -1;
            }
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, keep, bigger, 0, remaining);
            buf = bigger;
        } else if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, remaining);
        }
        lim = remaining;
        pos -= shift;
        int n = read(buf, lim, buf.length - lim);
        if (n < 0) {
            eof = true;
        } else {
            lim += n;
        }
        return shift;
    }

    private int read(byte[] b, int off, int len) throws IOException {
        if (stream != null) {
            int total = 0;
            while (total < len) {
                int n = stream.read(b, off + total, len - total);
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                total += n;
                if (total > 0 && stream.available() <= 0) {
                    break;
                }
            }
            return total;
        }
        if (channel == null || filePos >= fileEnd) {
            return -1;
        }
        int want = (int) Math.min(len, fileEnd - filePos);
        ByteBuffer bb = ByteBuffer.wrap(b, off, want);
        int total = 0;
        while (bb.hasRemaining()) {
            int n = channel.read(bb, filePos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        filePos += total;
        return total == 0 ? -1 : total;
    }
}
