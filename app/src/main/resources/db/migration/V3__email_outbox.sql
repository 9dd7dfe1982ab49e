-- The email outbox: every email OfferDesk sends, rendered when it was queued, so what is stored is exactly
-- what is sent and an admin can read it. A row is written in the transaction of the business change that
-- causes it; delivery runs after commit as an 'email.deliver' job.
CREATE TABLE email_outbox (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organization (id),
  recipients       text[] NOT NULL CHECK (cardinality(recipients) > 0),
  subject          text NOT NULL,
  html             text NOT NULL,
  text             text NOT NULL,
  template         text NOT NULL,
  -- Queuing the same key twice queues one email. Scoped to the organization, so one tenant's keys
  -- can neither collide with nor reveal another's.
  dedupe_key       text,
  status           text NOT NULL CHECK (status IN ('QUEUED', 'RETRYING', 'SENT', 'PARKED', 'OUTBOX_ONLY')),
  attempts         integer NOT NULL DEFAULT 0,
  last_error       text,
  created_at       timestamptz NOT NULL,
  sent_at          timestamptz,
  CONSTRAINT email_outbox_dedupe_key UNIQUE (organization_id, dedupe_key)
);
-- The outbox page and API list an organization's emails newest first, optionally by status.
CREATE INDEX email_outbox_by_organization ON email_outbox (organization_id, created_at DESC, id DESC);
CREATE INDEX email_outbox_by_status ON email_outbox (organization_id, status, created_at DESC, id DESC);
-- The recipient filter is a partial, case-insensitive match, read within one organization through the
-- indexes above; a trigram index would need pg_trgm, which not every PostgreSQL server has installed.
