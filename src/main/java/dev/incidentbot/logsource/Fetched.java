package dev.incidentbot.logsource;

/**
 * What one source gave for a window.
 *
 * @param records records written (lines)
 * @param bytes   bytes written
 * @param cappedBy null when the whole window was read, else which cap stopped the read ("2,000,000 records"),
 *                 disclosed in the report like sampling
 * @param detail  how it was read, for the report ("3 files, 1 gzip", "4 pages"), never a secret
 */
public record Fetched(long records, long bytes, String cappedBy, String detail) {
    public boolean capped() {
        return cappedBy != null;
    }
}
