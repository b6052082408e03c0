-- A row claimed by a sender that vanished before marking it (kill -9 between Slack's answer and the mark) may have
-- been sent: the next claimer sets orphaned and looks for the message (tagged with the row in Slack's metadata)
-- before posting it again.
ALTER TABLE outbox ADD COLUMN orphaned BOOLEAN DEFAULT FALSE NOT NULL;
