-- Orders: one per agreement an organization's marketplace account gets, with its registration,
-- provisioning, booking and timeline.
CREATE TABLE customer_order (
  id                       uuid PRIMARY KEY,
  organization_id          uuid NOT NULL REFERENCES organization (id),
  kind                     text NOT NULL CHECK (kind IN ('PUBLIC', 'DIRECT', 'AMENDMENT', 'PARTNER')),
  status                   text NOT NULL,
  agreement_id             text NOT NULL,
  marketplace_offer_id     text,
  offer_id                 uuid REFERENCES offer (id),
  product_id               text,
  product_code             text,
  buyer_account_id         text NOT NULL,
  proposer_account_id      text,
  resale_authorization_id  text,
  replaces_order_id        uuid REFERENCES customer_order (id),
  replaced_by_order_id     uuid REFERENCES customer_order (id),
  currency                 text,
  total_contract_value     numeric(18, 3),
  terms                    jsonb NOT NULL,
  accepted_at              timestamptz,
  starts_at                timestamptz,
  ends_at                  timestamptz,
  registration             jsonb,
  registration_deadline    timestamptz,
  flags                    text[] NOT NULL DEFAULT '{}',
  provisioned_at           timestamptz,
  closed_at                timestamptz,
  entitlements             jsonb,
  booking                  jsonb,
  version                  integer NOT NULL DEFAULT 0,
  created_at               timestamptz NOT NULL,
  updated_at               timestamptz NOT NULL,
  UNIQUE (organization_id, agreement_id)
);
CREATE INDEX customer_order_by_created ON customer_order (organization_id, created_at DESC, id DESC);
CREATE INDEX customer_order_by_status ON customer_order (organization_id, status);
CREATE INDEX customer_order_by_kind ON customer_order (organization_id, kind);
CREATE INDEX customer_order_by_buyer ON customer_order (organization_id, buyer_account_id, product_id);
CREATE INDEX customer_order_by_offer ON customer_order (organization_id, offer_id);

CREATE TABLE order_event (
  id               uuid PRIMARY KEY,
  seq              bigserial NOT NULL,
  order_id         uuid NOT NULL REFERENCES customer_order (id),
  organization_id  uuid NOT NULL REFERENCES organization (id),
  occurred_at      timestamptz NOT NULL,
  status           text NOT NULL,
  cause            text NOT NULL,
  detail           text,
  actor            text NOT NULL,
  dedupe_key       text UNIQUE
);
CREATE INDEX order_event_by_order ON order_event (order_id, occurred_at, seq);

-- A buyer who arrived from the marketplace with a registration token: what the token resolved to, and,
-- once the form is submitted, what the buyer entered (kept until the order it belongs to exists).
CREATE TABLE registration_session (
  id                   uuid PRIMARY KEY,
  organization_id      uuid NOT NULL REFERENCES organization (id),
  token_hash           text NOT NULL,
  customer_identifier  text,
  buyer_account_id     text NOT NULL,
  product_code         text NOT NULL,
  product_id           text,
  created_at           timestamptz NOT NULL,
  submitted_at         timestamptz,
  submission           jsonb,
  order_id             uuid REFERENCES customer_order (id)
);
CREATE INDEX registration_session_by_token ON registration_session (token_hash);
CREATE INDEX registration_session_by_buyer ON registration_session (organization_id, buyer_account_id, product_id);
