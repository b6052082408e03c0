-- Web pages (#15): one-time sign-in links from `/incident web` and the browser sessions they open.
-- Only SHA-256 hashes of the link tokens and session ids are stored, so a copy of the store signs nobody in.
-- Portable SQL (H2 and PostgreSQL).

CREATE TABLE web_sign_in_links (
    token_hash  VARCHAR(64) PRIMARY KEY,
    user_id     VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX web_sign_in_links_expires ON web_sign_in_links (expires_at);

CREATE TABLE web_sessions (
    id_hash     VARCHAR(64) PRIMARY KEY,
    user_id     VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);

-- The incident list pages newest first, optionally by severity: both read these instead of sorting the table.
CREATE INDEX incidents_declared ON incidents (declared_at);
CREATE INDEX incidents_severity_declared ON incidents (severity, declared_at);
