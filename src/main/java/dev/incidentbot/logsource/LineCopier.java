package dev.incidentbot.logsource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies log lines of one or more files into the analyzer's input, dropping lines whose own time is outside the
 * window and stopping at the record and byte caps. Whether a file's lines are filtered at all is decided from its
 * first lines: only when most of them carry a time, so a pretty-printed JSON record is never cut apart.
 */
final class LineCopier {
    private static final int DECIDE_AFTER = 16;
    /** A line longer than this is passed through in pieces instead of held whole (and never dropped). */
    private static final int LONG_LINE = 8 * 1024 * 1024;

    private final long from;
    private final long to;
    private final Limits limits;
    private final OutputStream out;
    private long records;
    private long bytes;
    private String cappedBy;

    // per file
    private List<byte[]> pending;
    private int timed;
    private Boolean filter;

    LineCopier(Window window, Limits limits, OutputStream out) {
        this.from = window.from().toEpochMilli();
        this.to = window.to().toEpochMilli();
        this.limits = limits;
        this.out = out;
    }

    long records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    String cappedBy() {
        return cappedBy;
    }

    boolean full() {
        return cappedBy != null;
    }

    /** Writes the file's first line when it carries no time (a CSV header) before a seeked read. */
    void copyHeader(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        ch.read(buf, 0);
        byte[] b = buf.array();
        int n = buf.position();
        for (int i = 0; i < n; i++) {
            if (b[i] == '\n') {
                if (LineTime.of(b, 0, i) == LineTime.NONE && i > 0 && b[0] != '{' && b[0] != '[') {
                    write(b, 0, i + 1, false);
                }
                return;
            }
        }
    }

    /** Copies one file's lines (its own filter decision). */
    void copy(InputStream in) throws IOException {
        pending = new ArrayList<>();
        timed = 0;
        filter = null;
        byte[] buf = new byte[1 << 16];
        byte[] carry = new byte[0];
        int carried = 0;
        boolean passing = false; // inside an over-long line being passed through
        int n;
        while (!full() && (n = in.read(buf)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] != '\n') {
                    continue;
                }
                if (passing) {
                    write(buf, start, i + 1 - start, false);
                    records++;
                    passing = false;
                } else if (carried > 0) {
                    carry = grow(carry, carried + i + 1 - start);
                    System.arraycopy(buf, start, carry, carried, i + 1 - start);
                    line(carry, 0, carried + i + 1 - start);
                    carried = 0;
                } else {
                    line(buf, start, i + 1);
                }
                start = i + 1;
                if (full()) {
                    return;
                }
            }
            int rest = n - start;
            if (passing) {
                write(buf, start, rest, false);
            } else if (carried + rest > LONG_LINE) {
                decide(true);
                write(carry, 0, carried, false);
                write(buf, start, rest, false);
                carried = 0;
                passing = true;
            } else if (rest > 0) {
                carry = grow(carry, carried + rest);
                System.arraycopy(buf, start, carry, carried, rest);
                carried += rest;
            }
        }
        if (passing && !full()) {
            write(new byte[] {'\n'}, 0, 1, false); // an over-long last line without a newline: end it here
            records++;
        }
        if (carried > 0 && !full()) {
            carry = grow(carry, carried + 1);
            carry[carried] = '\n';
            line(carry, 0, carried + 1);
        }
        decide(true);
    }

    void flush() throws IOException {
        out.flush();
    }

    private void line(byte[] b, int s, int e) throws IOException {
        if (filter == null) {
            byte[] copy = java.util.Arrays.copyOfRange(b, s, e);
            pending.add(copy);
            if (LineTime.of(copy, 0, copy.length) != LineTime.NONE) {
                timed++;
            }
            if (pending.size() >= DECIDE_AFTER) {
                decide(false);
            }
            return;
        }
        keep(b, s, e);
    }

    /** Settles whether this file's lines are filtered by time and lets the held-back first lines through. */
    private void decide(boolean atEnd) throws IOException {
        if (filter != null) {
            return;
        }
        filter = timed * 2 >= pending.size() && !pending.isEmpty();
        List<byte[]> held = pending;
        pending = List.of();
        for (byte[] l : held) {
            if (full()) {
                return;
            }
            keep(l, 0, l.length);
        }
    }

    private void keep(byte[] b, int s, int e) throws IOException {
        if (filter) {
            long t = LineTime.of(b, s, e);
            if (t != LineTime.NONE && (t < from || t > to)) {
                return;
            }
        }
        write(b, s, e - s, true);
    }

    private void write(byte[] b, int s, int len, boolean record) throws IOException {
        if (len <= 0) {
            return;
        }
        if (record && isBlank(b, s, len)) {
            return;
        }
        if (record && records + 1 > limits.maxRecords()) {
            cappedBy = String.format("%,d records", limits.maxRecords());
            return;
        }
        if (bytes + len > limits.maxBytes()) {
            long max = limits.maxBytes();
            cappedBy = max % (1 << 20) == 0 ? (max >> 20) + " MB" : String.format("%,d bytes", max);
            return;
        }
        out.write(b, s, len);
        bytes += len;
        if (record) {
            records++;
        }
    }

    private static boolean isBlank(byte[] b, int s, int len) {
        for (int i = s; i < s + len; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    private static byte[] grow(byte[] a, int need) {
        return a.length >= need ? a : java.util.Arrays.copyOf(a, Math.max(need, a.length * 2));
    }
}
