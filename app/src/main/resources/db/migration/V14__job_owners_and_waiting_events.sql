-- Job owners heartbeat: each running instance keeps a row here fresh while it runs. A RUNNING job whose
-- owner's heartbeat is older than offerdesk.jobs.takeover-after (or whose owner has no row) is claimable
-- again, so a crashed instance's jobs move within seconds, while a long job keeps its claim for as long
-- as its owner is alive. Times are the database's own (clock_timestamp()), never the movable business clock.
CREATE TABLE job_worker (
  instance_id   text PRIMARY KEY,
  started_at    timestamptz NOT NULL,
  heartbeat_at  timestamptz NOT NULL
);
CREATE INDEX job_running_by_owner ON job (locked_by) WHERE status = 'RUNNING';

-- An event about something OfferDesk does not have yet (an order whose agreement it has not taken in)
-- waits for it: since when, and for what, so that back-off grows and the events page says why.
ALTER TABLE marketplace_event ADD COLUMN waiting_since timestamptz;
ALTER TABLE marketplace_event ADD COLUMN waiting_for text;
