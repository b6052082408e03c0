package dev.incidentbot.incident;

import java.time.Duration;
import java.time.Instant;

/**
 * The incident record of the seed policy (id, declared at, severity, title, description, status, commander,
 * root cause, resolution, resolution time) plus where it lives in Slack.
 *
 * @param declaredBy       Slack user id of the person who declared it, or "monitoring" for alerts
 * @param humanTouched     a person took it over (set a commander or posted an update): monitoring won't auto-resolve
 * @param lastUpdateAt     the last status update (or the declaration): reminders count from it
 * @param channelId        the channel where it was announced
 * @param messageTs        the announcement's ts, root of the incident thread (null until posted)
 * @param incidentChannelId its dedicated channel, when one was created
 */
public record Incident(
        String id,
        String title,
        String description,
        Severity severity,
        IncidentStatus status,
        String commander,
        String declaredBy,
        String source,
        boolean humanTouched,
        Instant declaredAt,
        Instant lastUpdateAt,
        Instant resolvedAt,
        String rootCause,
        String resolution,
        String analysisJson,
        String channelId,
        String messageTs,
        String incidentChannelId) {

    public boolean isOpen() {
        return status.isOpen();
    }

    /** The policy's resolution_time_minutes; null while open. */
    public Long resolutionTimeMinutes() {
        return resolvedAt == null ? null : Duration.between(declaredAt, resolvedAt).toMinutes();
    }

    /** Where messages about this incident go: its own channel when it has one, else the announcing channel. */
    public String homeChannel() {
        return incidentChannelId != null ? incidentChannelId : channelId;
    }

    public boolean declaredByMonitoring() {
        return !"slack".equals(source);
    }
}
