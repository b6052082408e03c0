package dev.incidentbot.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where `analyze --chart` writes its PNG: checked before the analysis runs, written whole or not at all. */
final class ChartFile {
    private ChartFile() {
    }

    /** Why the chart cannot be written at path, or null when it can (checked up front: no analysis in vain). */
    static String problem(Path path) {
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) {
            return "is a directory";
        }
        if (dir == null || !Files.isDirectory(dir)) {
            return "no such directory";
        }
        if (!Files.isWritable(dir) || (Files.exists(abs) && !Files.isWritable(abs))) {
            return "not writable";
        }
        return null;
    }

    /**
     * Writes the bytes to a temporary file beside path, then renames it over path: a reader (or a crash) never
     * sees half a PNG, and an existing chart stays until the new one is complete.
     */
    static void write(Path path, byte[] png) throws IOException {
        Path abs = path.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), ".chart-", ".png.tmp");
        try {
            Files.write(tmp, png);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
