package dev.incidentbot.analysis.input;

import java.util.Map;

/**
 * What was read and how: format, counts of records, repairs and skips with their reasons, and field roles.
 *
 * @param source file name or "stdin"
 * @param format detected (or forced) format, e.g. "json-array (recovered)", "ndjson", "logfmt", "csv+gzip"
 * @param records records analysed
 * @param repaired records accepted after a repair
 * @param skipped records or text runs that could not be parsed
 * @param repairReasons reason to count
 * @param skipReasons reason to count
 * @param roles which field got which role
 * @param sampledStride 1, or N when only every Nth record was kept to bound memory
 */
public record InputSummary(String source, String format, long records, long repaired, long skipped,
                           Map<String, Long> repairReasons, Map<String, Long> skipReasons, FieldRoles roles,
                           int sampledStride) {
}
