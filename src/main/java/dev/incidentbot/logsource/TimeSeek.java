package dev.incidentbot.logsource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Finds where a window lies in a large plain log file whose lines are in time order, by binary search over byte
 * offsets, so a read of the last half hour does not scan gigabytes. Files that are not in order (checked at evenly
 * spaced probes) or have no times are read whole instead.
 */
final class TimeSeek {
    /** Lines from several threads are rarely in exact order: the cut is made this much wider (the copier trims). */
    static final long SLACK_MS = 60_000;
    private static final int PROBES = 17;
    private static final int PROBE_BYTES = 64 * 1024;

    private TimeSeek() {
    }

    /** {@code [start, end)} byte offsets at line starts covering the window, or null to read the whole file. */
    static long[] range(FileChannel ch, Window window) throws IOException {
        long size = ch.size();
        long prev = Long.MIN_VALUE;
        for (int i = 0; i < PROBES; i++) {
            long t = timeAt(ch, size * i / PROBES);
            if (t == LineTime.NONE || t + SLACK_MS < prev) {
                return null; // no times, or out of order: no shortcut
            }
            prev = Math.max(prev, t);
        }
        long start = firstAtOrAfter(ch, size, window.from().toEpochMilli() - SLACK_MS);
        long end = firstAtOrAfter(ch, size, window.to().toEpochMilli() + SLACK_MS);
        return new long[] {start, Math.max(start, end)};
    }

    /**
     * The start of the first line whose time is at or after {@code t}; size if none. The binary search only narrows
     * the place down to a probe's width (keeping the invariant that the first timed line after {@code lo} is before
     * {@code t}); the lines from there are then read one by one, so neither end of the range is cut short. 0 when no
     * timed line comes before it.
     */
    private static long firstAtOrAfter(FileChannel ch, long size, long t) throws IOException {
        long lo = 0;
        long hi = size;
        while (hi - lo > PROBE_BYTES) {
            long mid = lo + (hi - lo) / 2;
            long tm = timeAt(ch, mid);
            if (tm == LineTime.NONE || tm >= t) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        ByteBuffer buf = ByteBuffer.allocate(PROBE_BYTES);
        byte[] b = buf.array();
        long pos = lineStart(ch, lo);
        boolean first = pos == 0; // no timed line before: the file's leading untimed lines (a header) stay in
        while (pos < size) {
            buf.clear();
            ch.read(buf, pos);
            int n = buf.position();
            int s = 0;
            while (s < n) {
                int e = s;
                while (e < n && b[e] != '\n') {
                    e++;
                }
                boolean cut = e == n && pos + n < size; // the line goes on past the buffer
                if (cut && s > 0) {
                    break; // read again from its start
                }
                long lt = LineTime.of(b, s, e);
                if (lt != LineTime.NONE && lt >= t) {
                    return first ? 0 : pos + s;
                }
                first &= lt == LineTime.NONE;
                if (cut) {
                    s = -1; // a line longer than a probe, its time before t: go on after it
                    break;
                }
                s = e + 1;
            }
            pos = s < 0 ? lineStart(ch, pos + n) : pos + s;
        }
        return size;
    }

    /** The time of the first complete line that starts after {@code offset} (offset 0: the first line). */
    static long timeAt(FileChannel ch, long offset) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(PROBE_BYTES);
        ch.read(buf, offset);
        byte[] b = buf.array();
        int n = buf.position();
        int s = 0;
        if (offset > 0) {
            while (s < n && b[s] != '\n') {
                s++;
            }
            s++;
        }
        for (int tries = 0; tries < 8 && s < n; tries++) {
            int e = s;
            while (e < n && b[e] != '\n') {
                e++;
            }
            long t = LineTime.of(b, s, e);
            if (t != LineTime.NONE) {
                return t;
            }
            s = e + 1;
        }
        return LineTime.NONE;
    }

    /** The first line start at or after {@code offset}: offset 0, just after the next newline, or the file's size. */
    private static long lineStart(FileChannel ch, long offset) throws IOException {
        if (offset == 0) {
            return 0;
        }
        long size = ch.size();
        ByteBuffer buf = ByteBuffer.allocate(PROBE_BYTES);
        byte[] b = buf.array();
        for (long at = offset - 1; at < size; at += buf.position()) {
            buf.clear();
            ch.read(buf, at);
            for (int i = 0; i < buf.position(); i++) {
                if (b[i] == '\n') {
                    return at + i + 1;
                }
            }
            if (buf.position() == 0) {
                break;
            }
        }
        return size;
    }
}
