package dev.incidentbot.logsource;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Log files on this machine named by a glob, rotated ones ({@code api.ndjson.1}, {@code api.ndjson.2.gz}) and gzip
 * included: files last written before the window are skipped by their modification time, a plain file whose lines
 * are in time order is entered by binary search at the window's start and left at its end, and lines whose own
 * timestamp lies outside the window are dropped (lines without one, such as a CSV header, are kept).
 */
final class FileLogSource implements LogSource {
    /** Below this a plain file is simply streamed: seeking saves nothing worth the probes. */
    static final long SEEK_FROM_BYTES = 4L * 1024 * 1024;

    private final SourceSpec spec;

    FileLogSource(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public Fetched fetch(Window window, Map<String, String> labels, Limits limits, OutputStream out) throws LogSourceException {
        List<Path> files = files(window);
        LineCopier copier = new LineCopier(window, limits, out);
        int gz = 0;
        int seeked = 0;
        try {
            for (Path f : files) {
                if (copier.full()) {
                    break;
                }
                if (f.getFileName().toString().endsWith(".gz")) {
                    gz++;
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(f), 1 << 16)) {
                        copier.copy(in);
                    } catch (java.util.zip.ZipException | java.io.EOFException e) {
                        // not gzip, or cut short (EOFException): name the file, not only the glob
                        throw new LogSourceException("the gzip file " + f.getFileName() + " under " + spec.path()
                                + " is damaged" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
                    }
                } else {
                    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                        long[] range = ch.size() >= SEEK_FROM_BYTES ? TimeSeek.range(ch, window) : null;
                        if (range != null) {
                            seeked++;
                            if (range[0] > 0 && range[1] > range[0]) {
                                copier.copyHeader(ch); // from 0 the header is read anyway
                            }
                            ch.position(range[0]);
                            copier.copy(new BoundedInput(Channels.newInputStream(ch), range[1] - range[0]));
                        } else {
                            ch.position(0);
                            copier.copy(Channels.newInputStream(ch));
                        }
                    }
                }
            }
            copier.flush();
        } catch (IOException e) {
            throw new LogSourceException("cannot read " + spec.path() + " (" + e.getClass().getSimpleName() + ")", e);
        }
        if (copier.records() == 0) {
            throw new LogSourceException("nothing in the window in " + files.size() + " file(s) matching " + spec.path());
        }
        String detail = files.size() + " file(s)" + (gz > 0 ? ", " + gz + " gzip" : "") + (seeked > 0 ? ", " + seeked + " entered at the window" : "");
        return new Fetched(copier.records(), copier.bytes(), copier.cappedBy(), detail);
    }

    /** The files the glob names that were written to during or after the window's start, oldest first. */
    List<Path> files(Window window) throws LogSourceException {
        String glob = spec.path();
        Path base = baseDir(glob);
        if (!Files.isDirectory(base)) {
            throw new LogSourceException("no folder " + base + " for " + glob);
        }
        // the files found are absolute, so the glob is too (a relative one is taken from the working directory);
        // ** crosses folders, so it is followed to any depth
        Path absolute = Path.of(glob).toAbsolutePath();
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
        int depth = glob.contains("**") ? Integer.MAX_VALUE : absolute.getNameCount() - base.getNameCount();
        List<Path> out = new ArrayList<>();
        List<Path> tooOld = new ArrayList<>();
        try (Stream<Path> s = Files.find(base, Math.max(1, depth), (p, a) -> a.isRegularFile() && m.matches(p))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                (a.lastModifiedTime().toInstant().isBefore(window.from()) ? tooOld : out).add(p);
            }
        } catch (IOException e) {
            throw new LogSourceException("cannot list " + base + " (" + e.getClass().getSimpleName() + ")", e);
        }
        if (out.isEmpty()) {
            throw new LogSourceException(tooOld.isEmpty() ? "no file matches " + glob
                    : "nothing in the window: the " + tooOld.size() + " file(s) matching " + glob + " were last written before it");
        }
        out.sort(Comparator.comparing(FileLogSource::modified));
        return out;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The deepest folder of the glob without wildcards in it. */
    static Path baseDir(String glob) {
        Path p = Path.of(glob).toAbsolutePath();
        Path base = p.getRoot();
        for (Path part : p.getParent() == null ? List.<Path>of() : iterable(p.getParent())) {
            if (part.toString().matches(".*[*?\\[\\]{}].*")) {
                break;
            }
            base = base.resolve(part);
        }
        return base;
    }

    private static List<Path> iterable(Path p) {
        List<Path> parts = new ArrayList<>();
        p.forEach(parts::add);
        return parts;
    }

    /** An input that ends after {@code limit} bytes, so a seeked read stops at the window's end. */
    private static final class BoundedInput extends BufferedInputStream {
        private long left;

        BoundedInput(InputStream in, long limit) {
            super(in, 1 << 16);
            this.left = limit;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
