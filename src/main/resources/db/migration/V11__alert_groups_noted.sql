-- When the group's changes were last reported in Slack (a storm-control note, or the announcement that opened its
-- incident): a change stored after it and not posted within a storm window was coalesced in the memory of a process
-- that died, and is posted from the stored alerts instead (alert.DigestRecovery). Existing groups count as reported.
ALTER TABLE alert_groups ADD COLUMN noted_at TIMESTAMP WITH TIME ZONE;
UPDATE alert_groups SET noted_at = CURRENT_TIMESTAMP;
