-- Round three: replicas share one store, so what must happen once is decided by unique keys here, never by memory.
-- Portable SQL (H2 and PostgreSQL).

-- Slack Events API deliveries already taken (their event_id; commands and interactions are never retried): inserted before
-- handling, so Slack's retries (X-Slack-Retry-Num) and Socket Mode redeliveries reaching another replica find the key
-- and are only acknowledged. Pruned after a day: Slack stops retrying after about an hour.
CREATE TABLE slack_deliveries (
    delivery_id VARCHAR(200) PRIMARY KEY,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    replica     VARCHAR(64)  NOT NULL
);
CREATE INDEX slack_deliveries_received ON slack_deliveries (received_at);

-- One replica creates an incident's dedicated channel: it claims this row before conversations.create. A claim
-- older than its lease (a replica that died mid-way) may be taken over by the start-up sweep.
CREATE TABLE incident_channel_claims (
    incident_id VARCHAR(32) PRIMARY KEY REFERENCES incidents (id),
    claimed_by  VARCHAR(64) NOT NULL,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The sender's claim query asks, per due row, whether an older row of the same kind and incident is still unsent.
CREATE INDEX outbox_incident_unsent ON outbox (incident_id, kind, sent_at, id);
