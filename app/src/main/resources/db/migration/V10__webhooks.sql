-- Outgoing webhooks: the endpoints an organization registered, the events published to them, and one
-- delivery per (endpoint, event) with every HTTP attempt kept. An event and its deliveries are written in
-- the transaction of the business change that causes them; sending runs after commit as a
-- 'webhook.deliver' job.
CREATE TABLE webhook_endpoint (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organization (id),
  url              text NOT NULL,
  description      text,
  -- Event types the endpoint receives; '*' means every type.
  events           text[] NOT NULL CHECK (cardinality(events) > 0),
  enabled          boolean NOT NULL,
  -- The signing secret, sealed with OFFERDESK_SECRET_KEY; shown to the admin once, when made or rotated.
  sealed_secret    text NOT NULL,
  secret_hint      text NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX webhook_endpoint_by_organization ON webhook_endpoint (organization_id, created_at, id);

-- One row per published event: the exact body every endpoint receives, so redeliveries send the same bytes.
CREATE TABLE webhook_event (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organization (id),
  -- The publisher's ID: publishing the same one again in an organization does nothing.
  event_id         text NOT NULL,
  type             text NOT NULL,
  body             text NOT NULL,
  created_at       timestamptz NOT NULL,
  CONSTRAINT webhook_event_once UNIQUE (organization_id, event_id)
);

CREATE TABLE webhook_delivery (
  id                    uuid PRIMARY KEY,
  organization_id       uuid NOT NULL REFERENCES organization (id),
  endpoint_id           uuid NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
  event_id              uuid NOT NULL REFERENCES webhook_event (id),
  status                text NOT NULL CHECK (status IN ('PENDING', 'RETRYING', 'DELIVERED', 'FAILED')),
  -- A manual redeliver starts a new series of attempts; a job of an older series does nothing.
  series                integer NOT NULL DEFAULT 1,
  attempts              integer NOT NULL DEFAULT 0,
  last_response_status  integer,
  last_response_excerpt text,
  last_error            text,
  created_at            timestamptz NOT NULL,
  last_attempt_at       timestamptz,
  delivered_at          timestamptz,
  CONSTRAINT webhook_delivery_once UNIQUE (endpoint_id, event_id)
);
-- The delivery log of an endpoint, newest first, optionally by status.
CREATE INDEX webhook_delivery_by_endpoint ON webhook_delivery (endpoint_id, created_at DESC, id DESC);
CREATE INDEX webhook_delivery_by_status ON webhook_delivery (endpoint_id, status, created_at DESC, id DESC);
CREATE INDEX webhook_delivery_by_event ON webhook_delivery (event_id);

CREATE TABLE webhook_attempt (
  id                uuid PRIMARY KEY,
  delivery_id       uuid NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
  series            integer NOT NULL,
  number            integer NOT NULL,
  attempted_at      timestamptz NOT NULL,
  response_status   integer,
  response_excerpt  text,
  error             text,
  duration_ms       integer NOT NULL
);
CREATE INDEX webhook_attempt_by_delivery ON webhook_attempt (delivery_id, attempted_at, id);
