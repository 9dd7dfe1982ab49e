-- Durable jobs: delayed and retried work. A worker claims due rows with FOR UPDATE SKIP LOCKED, so one
-- instance runs each job; a lease that runs out (instance died) makes the job claimable again.
CREATE TABLE job (
  id               uuid PRIMARY KEY,
  kind             text NOT NULL,
  organization_id  uuid REFERENCES organization (id),
  payload          jsonb NOT NULL,
  dedupe_key       text UNIQUE,
  due_at           timestamptz NOT NULL,
  status           text NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'PARKED')),
  attempts         integer NOT NULL DEFAULT 0,
  max_attempts     integer NOT NULL,
  last_error       text,
  locked_by        text,
  lease_until      timestamptz,
  created_at       timestamptz NOT NULL,
  finished_at      timestamptz
);
CREATE INDEX job_pending_by_due ON job (due_at) WHERE status = 'PENDING';
CREATE INDEX job_running_by_lease ON job (lease_until) WHERE status = 'RUNNING';
CREATE INDEX job_by_organization ON job (organization_id, status, created_at DESC);
