-- Part 3, billing: buyers' payment terms, sellers' disbursement settings, listing fees as dated rules,
-- invoices, billing adjustments, and the durable due work that moving the clock runs exactly once.

-- How a buyer pays. INVOICE with net days, or CARD (charged at once); 'payment' is how the sandbox makes
-- the buyer behave: ON_DUE_DATE, IMMEDIATELY, LATE (late_days after the due date), MANUAL or NEVER.
CREATE TABLE payment_terms (
  account_id char(12) PRIMARY KEY REFERENCES account (account_id),
  method     text    NOT NULL CHECK (method IN ('INVOICE', 'CARD')),
  net_days   integer NOT NULL CHECK (net_days BETWEEN 0 AND 365),
  payment    text    NOT NULL CHECK (payment IN ('ON_DUE_DATE', 'IMMEDIATELY', 'LATE', 'MANUAL', 'NEVER')),
  late_days  integer NOT NULL DEFAULT 0 CHECK (late_days >= 0)
);

-- When a seller or reseller is paid: DAILY, or MONTHLY on day_of_month; an invalid bank account pauses payouts.
CREATE TABLE disbursement_settings (
  account_id         char(12) PRIMARY KEY REFERENCES account (account_id),
  frequency          text    NOT NULL CHECK (frequency IN ('DAILY', 'MONTHLY')),
  day_of_month       integer CHECK (day_of_month BETWEEN 1 AND 28),
  bank_account_valid boolean NOT NULL DEFAULT true,
  CHECK ((frequency = 'MONTHLY') = (day_of_month IS NOT NULL))
);

-- AWS's listing fees as data: the rate for a kind of sale, by total contract value, from a date on.
CREATE TABLE listing_fee_rule (
  kind           text          NOT NULL CHECK (kind IN ('PRIVATE', 'RENEWAL', 'PUBLIC_SAAS', 'CPPO_SURCHARGE')),
  min_tcv        numeric(20, 2) NOT NULL DEFAULT 0,
  -- exclusive; null means no upper bound
  max_tcv        numeric(20, 2),
  rate           numeric(8, 6) NOT NULL,
  effective_from date          NOT NULL,
  effective_to   date,
  PRIMARY KEY (kind, min_tcv, effective_from)
);
-- listing-fees.html, effective 2024-01-05: private offers by TCV, renewals, public SaaS, +0.5% on CPPO.
INSERT INTO listing_fee_rule (kind, min_tcv, max_tcv, rate, effective_from) VALUES
  ('PRIVATE', 0, 1000000, 0.03, DATE '2024-01-05'),
  ('PRIVATE', 1000000, 10000000, 0.02, DATE '2024-01-05'),
  ('PRIVATE', 10000000, NULL, 0.015, DATE '2024-01-05'),
  ('RENEWAL', 0, NULL, 0.015, DATE '2024-01-05'),
  ('PUBLIC_SAAS', 0, NULL, 0.03, DATE '2024-01-05'),
  ('CPPO_SURCHARGE', 0, NULL, 0.005, DATE '2024-01-05');

-- Invoices: the buyer's (PURCHASE, by the seller of record), the reseller's to the ISV (RESALE, settled
-- from the buyer's payment) and credit memos of refunds. Amounts in the invoice's currency.
CREATE SEQUENCE invoice_number START WITH 781216640;
CREATE TABLE invoice (
  invoice_id          text PRIMARY KEY,
  agreement_id        text        NOT NULL REFERENCES agreement (agreement_id),
  invoice_type        text        NOT NULL CHECK (invoice_type IN ('INVOICE', 'CREDIT_MEMO')),
  invoice_variant     text        NOT NULL CHECK (invoice_variant IN ('PURCHASE', 'RESALE')),
  charge_kind         text        NOT NULL,
  -- who pays and who is paid (12-digit account ids)
  payer_account_id    char(12)    NOT NULL,
  payee_account_id    char(12)    NOT NULL,
  amount              numeric(20, 2) NOT NULL,
  currency            char(3)     NOT NULL,
  issued_at           timestamptz NOT NULL,
  due_at              timestamptz NOT NULL,
  paid_at             timestamptz,
  period_start        timestamptz,
  period_end          timestamptz,
  -- the buyer invoice a RESALE invoice or a credit memo belongs to
  parent_invoice_id   text REFERENCES invoice (invoice_id),
  -- what was charged, once: e.g. upfront/<agreement>, installment/<agreement>/2, usage/<agreement>/2026-11
  charge_key          text        NOT NULL,
  UNIQUE (charge_key, invoice_variant, invoice_type)
);
CREATE INDEX invoice_by_payer ON invoice (payer_account_id, issued_at);
CREATE INDEX invoice_by_agreement ON invoice (agreement_id, issued_at);

-- Billing adjustment requests (refunds) sellers make through the Agreement API.
CREATE TABLE billing_adjustment (
  billing_adjustment_request_id text PRIMARY KEY,
  agreement_id          text        NOT NULL REFERENCES agreement (agreement_id),
  original_invoice_id   text        NOT NULL REFERENCES invoice (invoice_id),
  requester_account_id  char(12)    NOT NULL,
  adjustment_amount     numeric(20, 2) NOT NULL CHECK (adjustment_amount > 0),
  currency_code         char(3)     NOT NULL,
  reason_code           text        NOT NULL,
  description           text,
  client_token          text        NOT NULL,
  status                text        NOT NULL CHECK (status IN ('PENDING', 'VALIDATION_FAILED', 'COMPLETED')),
  status_message        text,
  credit_memo_id        text REFERENCES invoice (invoice_id),
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  UNIQUE (requester_account_id, client_token)
);
CREATE INDEX billing_adjustment_by_agreement ON billing_adjustment (agreement_id, created_at);

-- Money work that falls due at a sandbox time: issuing an installment or a monthly bill, collecting an
-- invoice, a payout run, completing an adjustment. The key makes each piece of work exist once; done_at
-- is set in the transaction that did it, so a restart or a second runner never does it twice.
CREATE TABLE due_work (
  work_key text PRIMARY KEY,
  kind     text        NOT NULL,
  due_at   timestamptz NOT NULL,
  subject  text        NOT NULL,
  done_at  timestamptz
);
CREATE INDEX due_work_pending ON due_work (due_at, work_key) WHERE done_at IS NULL;
