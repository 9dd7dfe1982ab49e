-- Refunds a seller asked the marketplace for on an order's invoice (Agreement API billing adjustment
-- requests), with the marketplace's status. The client token makes the request idempotent at the
-- marketplace; an adjustment is recorded once.
CREATE TABLE order_refund (
  id                       uuid PRIMARY KEY,
  organization_id          uuid NOT NULL REFERENCES organization (id),
  order_id                 uuid NOT NULL REFERENCES customer_order (id),
  agreement_id             text NOT NULL,
  invoice_id               text NOT NULL,
  amount                   numeric(18, 2) NOT NULL CHECK (amount > 0),
  currency                 text NOT NULL,
  reason_code              text NOT NULL,
  description              text,
  client_token             text NOT NULL,
  adjustment_request_id    text NOT NULL,
  status                   text NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'VALIDATION_FAILED')),
  status_message           text,
  requested_by             text NOT NULL,
  requested_at             timestamptz NOT NULL,
  updated_at               timestamptz NOT NULL,
  UNIQUE (organization_id, client_token),
  UNIQUE (organization_id, adjustment_request_id)
);
CREATE INDEX order_refund_by_order ON order_refund (organization_id, order_id, requested_at);
