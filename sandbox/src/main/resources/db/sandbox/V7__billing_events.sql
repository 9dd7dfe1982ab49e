-- Part 3, the money side: the contract between the sandbox's billing (which writes what happened to money)
-- and its seller data feeds (which deliver it to each party's S3 bucket the way AWS's SDDS does).

-- The account feed's keys. AWS's billing-event feed names accounts by a GUID that accountfeed_v1 resolves
-- to the 12-digit AWS account ID (and the encrypted customer identifier); the sandbox keeps one per account.
CREATE TABLE feed_account (
  account_id           uuid PRIMARY KEY,
  aws_account_id       char(12)    NOT NULL UNIQUE,
  encrypted_account_id text,
  mailing_address_id   uuid,
  tax_address_id       uuid,
  created_at           timestamptz NOT NULL
);

-- One row per billing event, with billingeventfeed_v1's columns and AWS's sign conventions (+ owed to the
-- feed's owner, - reducing it). Billing events are immutable: a correction is a new event, never an update.
-- feed_owner is the account in whose bucket the row is delivered (the seller of record, or the manufacturer
-- for its side of a channel deal); each party sees only its own side.
CREATE TABLE billing_event (
  billing_event_id               char(40)    PRIMARY KEY,
  feed_owner                     char(12)    NOT NULL REFERENCES account (account_id),
  -- sandbox time at which it happened; the feed for day D carries the rows with action_date in D (UTC)
  action_date                    timestamptz NOT NULL,
  -- account-feed keys (feed_account.account_id)
  from_account_id                uuid,
  to_account_id                  uuid,
  end_user_account_id            uuid,
  recipient_account_id           uuid,
  product_id                     text,
  agreement_id                   text,
  offer_id                       text,
  action                         text        NOT NULL
    CHECK (action IN ('INVOICED', 'COLLECTED', 'DISBURSED', 'FORGIVEN')),
  transaction_type               text        NOT NULL,
  parent_billing_event_id        char(40),
  disbursement_billing_event_id  char(40),
  amount                         numeric(20, 6) NOT NULL,
  currency                       char(3)     NOT NULL,
  balance_impacting              smallint    NOT NULL CHECK (balance_impacting IN (0, 1)),
  invoice_date                   timestamptz,
  payment_due_date               timestamptz,
  usage_period_start_date        timestamptz,
  usage_period_end_date          timestamptz,
  invoice_id                     text,
  billing_address_id             uuid,
  transaction_reference_id       text,
  bank_trace_id                  text,
  broker_id                      text,
  buyer_invoice_id               text,
  buyer_invoice_date             timestamptz,
  buyer_line_item_id             text,
  line_item_id                   text,
  buyer_transaction_reference_id text,
  disbursement_amount            numeric(20, 6),
  disbursement_currency          char(3),
  disbursement_reference_number  text,
  invoice_variant                text CHECK (invoice_variant IN ('PURCHASE', 'LISTING_FEE', 'RESALE', 'TAX_VAT')),
  charge_variant                 text CHECK (charge_variant IN ('RESALE', 'LISTING_FEE')),
  charge_side                    text CHECK (charge_side IN ('BUYING', 'SELLING')),
  catalog                        text        NOT NULL DEFAULT 'AWSMarketplace',
  -- SDDS historization columns; billing events are written once, so valid_from = insert_date = update_date
  valid_from                     timestamptz NOT NULL,
  insert_date                    timestamptz NOT NULL,
  update_date                    timestamptz NOT NULL,
  delete_date                    timestamptz
);
CREATE INDEX billing_event_by_owner_day ON billing_event (feed_owner, action_date);
CREATE INDEX billing_event_by_invoice ON billing_event (invoice_id);
CREATE INDEX billing_event_by_agreement ON billing_event (agreement_id);
