-- Finance: the seller data feeds as read (billing events, agreements, offers), where each feed file was read
-- to, the syncs that read them, and the ledger derived from them (invoices, payouts, exceptions).

CREATE TABLE finance_sync (
  id             uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization (id),
  trigger        text NOT NULL CHECK (trigger IN ('SCHEDULE', 'REQUEST')),
  status         text NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED')),
  files          integer NOT NULL DEFAULT 0,
  rows_read      bigint NOT NULL DEFAULT 0,
  rows_new       bigint NOT NULL DEFAULT 0,
  error          text,
  requested_at   timestamptz NOT NULL,
  started_at     timestamptz,
  finished_at    timestamptz
);
CREATE INDEX finance_sync_by_org ON finance_sync (organization_id, requested_at DESC);

-- How far each feed object was read: the byte after the last whole row committed, and the header to read
-- what is appended after it. Written in the transaction of the rows it covers.
CREATE TABLE finance_feed_file (
  organization_id uuid NOT NULL REFERENCES organization (id),
  object_key     text NOT NULL,
  header         text,
  read_to        bigint NOT NULL DEFAULT 0,
  rows_read      bigint NOT NULL DEFAULT 0,
  read_at        timestamptz,
  PRIMARY KEY (organization_id, object_key)
);

-- billingeventfeed_v1, one row per billing_event_id (its latest version).
CREATE TABLE finance_billing_event (
  organization_id               uuid NOT NULL REFERENCES organization (id),
  billing_event_id              text NOT NULL,
  action                        text NOT NULL,
  transaction_type              text NOT NULL,
  parent_billing_event_id       text,
  disbursement_billing_event_id text,
  amount                        numeric(20, 6) NOT NULL,
  currency                      text NOT NULL,
  balance_impacting             boolean NOT NULL,
  invoice_id                    text,
  invoice_date                  timestamptz,
  payment_due_date              timestamptz,
  bank_trace_id                 text,
  agreement_id                  text,
  offer_id                      text,
  disbursement_reference_number text,
  action_date                   timestamptz,
  invoice_variant               text,
  charge_variant                text,
  charge_side                   text,
  valid_from                    timestamptz,
  update_date                   timestamptz,
  deleted                       boolean NOT NULL DEFAULT false,
  sync_id                       uuid,
  PRIMARY KEY (organization_id, billing_event_id)
);
CREATE INDEX finance_billing_event_by_invoice ON finance_billing_event (organization_id, invoice_id);
CREATE INDEX finance_billing_event_by_payout ON finance_billing_event (organization_id, disbursement_billing_event_id);
CREATE INDEX finance_billing_event_by_parent ON finance_billing_event (organization_id, parent_billing_event_id);
CREATE INDEX finance_billing_event_by_agreement ON finance_billing_event (organization_id, agreement_id);
CREATE INDEX finance_billing_event_by_sync ON finance_billing_event (organization_id, sync_id);

-- agreementfeed_v1 and offerfeed_v1: the current version of each (latest valid_from, then update_date).
CREATE TABLE finance_agreement (
  organization_id           uuid NOT NULL REFERENCES organization (id),
  agreement_id              text NOT NULL,
  offer_id                  text,
  proposer_account_id       text,
  acceptor_account_id       text,
  start_time                timestamptz,
  end_time                  timestamptz,
  acceptance_time           timestamptz,
  intent                    text,
  status                    text,
  currency_code             text,
  estimated_agreement_value numeric(20, 6),
  valid_from                timestamptz,
  update_date               timestamptz,
  deleted                   boolean NOT NULL DEFAULT false,
  PRIMARY KEY (organization_id, agreement_id)
);

CREATE TABLE finance_offer (
  organization_id      uuid NOT NULL REFERENCES organization (id),
  offer_id             text NOT NULL,
  offer_revision       text,
  name                 text,
  opportunity_id       text,
  seller_account_id    text,
  recipient_account_id text,
  valid_from           timestamptz,
  update_date          timestamptz,
  deleted              boolean NOT NULL DEFAULT false,
  PRIMARY KEY (organization_id, offer_id)
);

-- Which order an agreement of the feeds belongs to (found by agreement, or linked by hand).
CREATE TABLE finance_agreement_order (
  organization_id uuid NOT NULL REFERENCES organization (id),
  agreement_id    text NOT NULL,
  order_id        uuid NOT NULL,
  linked_by       text NOT NULL,
  linked_at       timestamptz NOT NULL,
  PRIMARY KEY (organization_id, agreement_id)
);

CREATE TABLE finance_invoice (
  organization_id      uuid NOT NULL REFERENCES organization (id),
  invoice_id           text NOT NULL,
  agreement_id         text,
  order_id             uuid,
  variant              text NOT NULL CHECK (variant IN ('PURCHASE', 'RESALE', 'LISTING_FEE')),
  invoiced_on          date,
  due_on               date,
  currency             text NOT NULL,
  amount               numeric(20, 2) NOT NULL,
  listing_fee          numeric(20, 2) NOT NULL,
  expected_listing_fee numeric(20, 2),
  refunded             numeric(20, 2) NOT NULL,
  net                  numeric(20, 2) NOT NULL,
  collected            numeric(20, 2) NOT NULL,
  disbursed            numeric(20, 2) NOT NULL,
  payout_id            text,
  status               text NOT NULL CHECK (status IN ('INVOICED', 'OVERDUE', 'COLLECTED', 'DISBURSED',
                         'PARTIALLY_DISBURSED', 'DISBURSEMENT_FAILED', 'REFUNDED')),
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (organization_id, invoice_id)
);
CREATE INDEX finance_invoice_by_date ON finance_invoice (organization_id, invoiced_on DESC, invoice_id DESC);
CREATE INDEX finance_invoice_by_status ON finance_invoice (organization_id, status);
CREATE INDEX finance_invoice_by_order ON finance_invoice (organization_id, order_id);
CREATE INDEX finance_invoice_by_agreement ON finance_invoice (organization_id, agreement_id);

CREATE TABLE finance_payout (
  organization_id uuid NOT NULL REFERENCES organization (id),
  payout_id       text NOT NULL,
  paid_on         date NOT NULL,
  currency        text NOT NULL,
  amount          numeric(20, 2) NOT NULL,
  lines_total     numeric(20, 2) NOT NULL,
  line_count      integer NOT NULL,
  unlinked_lines  integer NOT NULL,
  bank_trace_id   text,
  reference       text,
  status          text NOT NULL CHECK (status IN ('RECONCILED', 'UNMATCHED', 'FAILED')),
  bank_matched    boolean NOT NULL DEFAULT false,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (organization_id, payout_id)
);
CREATE INDEX finance_payout_by_date ON finance_payout (organization_id, paid_on DESC, payout_id DESC);

-- What finance must look at: one per kind and subject, opened by reconciliation, closed by it when the
-- cause goes away, or resolved by a person (linked to an order, or explained with a note).
CREATE TABLE finance_exception (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization (id),
  kind            text NOT NULL CHECK (kind IN ('UNKNOWN_AGREEMENT', 'PAYOUT_UNMATCHED', 'INVOICE_OVERDUE',
                    'DISBURSEMENT_FAILED', 'DISBURSEMENT_PAUSED', 'FEE_MISMATCH')),
  subject         text NOT NULL,
  agreement_id    text,
  detail          text NOT NULL,
  status          text NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
  opened_at       timestamptz NOT NULL,
  resolved_at     timestamptz,
  resolved_by     text,
  resolution      text CHECK (resolution IN ('LINKED', 'EXPLAINED', 'CLEARED')),
  note            text,
  UNIQUE (organization_id, kind, subject)
);
CREATE INDEX finance_exception_by_status ON finance_exception (organization_id, status, opened_at DESC);
