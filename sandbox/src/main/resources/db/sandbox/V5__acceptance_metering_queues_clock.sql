-- Part 2: what buyers' acceptance records on an agreement, registration tokens, metering records, the
-- accounts' event queues, and the offset of the sandbox's movable clock.
ALTER TABLE agreement
  ADD COLUMN intent                  text    NOT NULL DEFAULT 'NEW',
  ADD COLUMN previous_agreement_id   text,
  ADD COLUMN resale_authorization_id text,
  -- the product's owner; differs from the proposer on channel partner agreements
  ADD COLUMN manufacturer_account_id char(12),
  ADD COLUMN offer_set_id            text,
  -- true for private offers, which a buyer accepts once; public offers are subscribed to by many
  ADD COLUMN private_offer           boolean NOT NULL DEFAULT true,
  ADD COLUMN accepted_terms          jsonb   NOT NULL DEFAULT '[]',
  ADD COLUMN entitlements            jsonb   NOT NULL DEFAULT '[]',
  ADD COLUMN currency_code           text,
  ADD COLUMN agreement_value         numeric,
  ADD COLUMN auto_renew              boolean NOT NULL DEFAULT false,
  ADD COLUMN status_changed_at       timestamptz;
CREATE UNIQUE INDEX agreement_private_offer_once ON agreement (offer_id) WHERE private_offer;
CREATE INDEX agreement_ending ON agreement (end_time) WHERE status = 'ACTIVE';
CREATE INDEX agreement_by_manufacturer ON agreement (manufacturer_account_id);
CREATE INDEX agreement_by_product ON agreement (product_id, acceptor_account_id);

-- x-amzn-marketplace-token values handed to buyers' browsers; ResolveCustomer reads them until they expire.
CREATE TABLE registration_token (
  token               text PRIMARY KEY,
  agreement_id        text        NOT NULL REFERENCES agreement (agreement_id),
  product_id          text        NOT NULL,
  product_code        text        NOT NULL,
  seller_account_id   char(12)    NOT NULL,
  customer_account_id char(12)    NOT NULL,
  customer_identifier text        NOT NULL,
  created_at          timestamptz NOT NULL,
  expires_at          timestamptz NOT NULL
);

-- Usage metered by sellers. One record per product, customer, dimension and hour, as AWS deduplicates.
CREATE TABLE metering_record (
  metering_record_id  text PRIMARY KEY,
  product_code        text        NOT NULL,
  customer_account_id char(12)    NOT NULL,
  dimension           text        NOT NULL,
  usage_hour          timestamptz NOT NULL,
  quantity            bigint      NOT NULL,
  client_token        text,
  recorded_at         timestamptz NOT NULL,
  UNIQUE (product_code, customer_account_id, dimension, usage_hour)
);

-- Messages of the accounts' SQS queues (aws-marketplace-events). A message is received when visible_at
-- has come; receiving hides it for the visibility timeout; deleting it acknowledges it.
CREATE TABLE queue_message (
  message_id        uuid PRIMARY KEY,
  account_id        char(12)    NOT NULL REFERENCES account (account_id),
  queue_name        text        NOT NULL,
  -- delivery order; reordering faults give a message a lower position than those already waiting
  position          bigint      NOT NULL,
  body              text        NOT NULL,
  body_md5          text        NOT NULL,
  sent_at           timestamptz NOT NULL,
  visible_at        timestamptz NOT NULL,
  receive_count     integer     NOT NULL DEFAULT 0,
  first_received_at timestamptz,
  receipt_handle    text
);
CREATE SEQUENCE queue_message_position;
CREATE INDEX queue_message_ready ON queue_message (account_id, queue_name, visible_at, position);

INSERT INTO sandbox_info (key, value) VALUES ('clock_offset', 'PT0S') ON CONFLICT (key) DO NOTHING;
