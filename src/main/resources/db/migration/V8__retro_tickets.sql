-- Notifying by policy (#14): a retro action item turned into a ticket (/incident retro ticket) keeps the ticket's
-- key and URL, so the postmortem's action items link it. One ticket per item; written when the tracker answered.
CREATE TABLE retro_note_tickets (
    note_id     BIGINT       PRIMARY KEY REFERENCES retro_notes (id),
    ticket_key  VARCHAR(64)  NOT NULL,
    ticket_url  VARCHAR(500) NOT NULL,
    opened_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
