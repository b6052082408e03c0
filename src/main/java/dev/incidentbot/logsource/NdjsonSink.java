package dev.incidentbot.logsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Writes records as NDJSON lines and stops at the first cap (records or bytes) it would pass. */
final class NdjsonSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final Limits limits;
    private long records;
    private long bytes;
    private String cappedBy;

    NdjsonSink(OutputStream out, Limits limits) {
        this.out = out;
        this.limits = limits;
    }

    /** Writes one record; false (and nothing written) once a cap is reached, which then stays set. */
    boolean write(JsonNode record) throws LogSourceException {
        if (cappedBy != null) {
            return false;
        }
        if (records >= limits.maxRecords()) {
            cappedBy = String.format(Locale.ROOT, "%,d records", limits.maxRecords());
            return false;
        }
        byte[] line;
        try {
            line = JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new LogSourceException("a record could not be written as JSON");
        }
        if (bytes + line.length + 1 > limits.maxBytes()) {
            cappedBy = size(limits.maxBytes());
            return false;
        }
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new LogSourceException("the records could not be passed on (" + e.getClass().getSimpleName() + ")");
        }
        records++;
        bytes += line.length + 1;
        return true;
    }

    boolean capped() {
        return cappedBy != null;
    }

    long records() {
        return records;
    }

    /**
     * What was read; a window in which nothing was found is a failure people should hear about.
     *
     * @throws LogSourceException "nothing in the window 12:00–12:45 UTC" when no record was written
     */
    Fetched finish(Window window, String detail) throws LogSourceException {
        if (records == 0 && cappedBy == null) {
            throw new LogSourceException("nothing in the window " + describe(window));
        }
        return new Fetched(records, bytes, cappedBy, detail);
    }

    /** "12:00–12:45 UTC", with dates when the window is not within one day. */
    static String describe(Window w) {
        ZonedDateTime from = w.from().atZone(ZoneOffset.UTC);
        ZonedDateTime to = w.to().atZone(ZoneOffset.UTC);
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
        DateTimeFormatter dhm = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
        boolean sameDay = from.toLocalDate().equals(to.toLocalDate());
        return (sameDay ? hm.format(from) : dhm.format(from)) + "–" + (sameDay ? hm.format(to) : dhm.format(to)) + " UTC";
    }

    /** "512 MB" for whole megabytes, else bytes with thousands separators. */
    static String size(long n) {
        long mb = 1024L * 1024;
        return n % mb == 0 ? String.format(Locale.ROOT, "%,d MB", n / mb) : String.format(Locale.ROOT, "%,d bytes", n);
    }
}
