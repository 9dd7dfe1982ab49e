-- Every event received from the marketplace's queue, once: EventBridge event IDs make a redelivered or
-- duplicated message a no-op. Handling happens in a durable job per event, so a failing event is
-- retried and, in the end, parked for an admin.
CREATE TABLE marketplace_event (
  organization_id  uuid NOT NULL REFERENCES organization (id),
  event_id         text NOT NULL,
  detail_type      text NOT NULL,
  source           text NOT NULL,
  occurred_at      timestamptz,
  body             jsonb NOT NULL,
  received_at      timestamptz NOT NULL,
  handled_at       timestamptz,
  PRIMARY KEY (organization_id, event_id)
);
CREATE INDEX marketplace_event_by_received ON marketplace_event (organization_id, received_at DESC);
