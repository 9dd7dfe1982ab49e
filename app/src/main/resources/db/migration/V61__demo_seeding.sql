-- The demo's seeded history: one row per seeding of an organization (at first start, or asked for by an admin),
-- so a demo is seeded once across restarts and instances, and its progress can be shown while it runs.
CREATE TABLE demo_seeding (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization (id),
  cause text NOT NULL,
  status text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
  steps_done int NOT NULL DEFAULT 0,
  steps_total int NOT NULL DEFAULT 0,
  step text,
  error text,
  summary jsonb,
  started_at timestamptz NOT NULL,
  finished_at timestamptz
);
-- At most one seeding of an organization runs at a time, whichever instance started it.
CREATE UNIQUE INDEX demo_seeding_one_running ON demo_seeding (organization_id) WHERE status = 'RUNNING';
CREATE INDEX demo_seeding_by_organization ON demo_seeding (organization_id, started_at);
