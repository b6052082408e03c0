-- Round two: the outbox carries every outbound call, not only Slack posts (pages, mail, tickets: kind + JSON payload),
-- and replicas share it: a sender claims due rows (claimed_by/claimed_until) and retries wait for next_attempt_at.
ALTER TABLE outbox ADD COLUMN kind VARCHAR(32) DEFAULT 'slack' NOT NULL;
ALTER TABLE outbox ADD COLUMN payload VARCHAR(100000);
ALTER TABLE outbox ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE outbox ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox ALTER COLUMN channel_id DROP NOT NULL;
