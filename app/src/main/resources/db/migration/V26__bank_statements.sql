-- Bank statements a finance team uploads, the deposits (credits) on them, and which deposit paid which
-- marketplace payout. Matches are keyed by the payout's marketplace ID (the DISBURSEMENT billing event):
-- a payout is matched once, a deposit pays one payout.
CREATE TABLE bank_statement_columns (
  organization_id   uuid PRIMARY KEY REFERENCES organization (id),
  date_column       integer NOT NULL CHECK (date_column BETWEEN 1 AND 100),
  amount_column     integer NOT NULL CHECK (amount_column BETWEEN 1 AND 100),
  reference_column  integer NOT NULL CHECK (reference_column BETWEEN 1 AND 100),
  currency_column   integer CHECK (currency_column BETWEEN 1 AND 100),
  header_row        boolean NOT NULL,
  date_order        text NOT NULL CHECK (date_order IN ('YEAR_MONTH_DAY', 'DAY_MONTH_YEAR', 'MONTH_DAY_YEAR')),
  currency          text NOT NULL,
  updated_at        timestamptz NOT NULL,
  updated_by        text NOT NULL
);

CREATE TABLE bank_statement (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organization (id),
  file_name        text,
  rows_read        integer NOT NULL,
  withdrawals      integer NOT NULL,
  repeated         integer NOT NULL,
  uploaded_at      timestamptz NOT NULL,
  uploaded_by      text NOT NULL,
  UNIQUE (organization_id, id)
);
CREATE INDEX bank_statement_newest ON bank_statement (organization_id, uploaded_at DESC);

CREATE TABLE bank_deposit (
  id                   uuid PRIMARY KEY,
  organization_id      uuid NOT NULL,
  statement_id         uuid NOT NULL,
  row_number           integer NOT NULL,
  booked_on            date NOT NULL,
  amount               numeric(18, 2) NOT NULL CHECK (amount > 0),
  currency             text NOT NULL,
  reference            text NOT NULL,
  candidate_payout_ids text[] NOT NULL DEFAULT '{}',
  FOREIGN KEY (organization_id, statement_id) REFERENCES bank_statement (organization_id, id),
  UNIQUE (organization_id, id)
);
CREATE INDEX bank_deposit_of_statement ON bank_deposit (organization_id, statement_id, row_number);
CREATE INDEX bank_deposit_same_line ON bank_deposit (organization_id, booked_on, amount, currency);

CREATE TABLE bank_deposit_match (
  organization_id  uuid NOT NULL,
  payout_id        text NOT NULL,
  deposit_id       uuid NOT NULL,
  method           text NOT NULL CHECK (method IN ('BANK_TRACE_ID', 'AMOUNT_AND_DATE')),
  matched_at       timestamptz NOT NULL,
  PRIMARY KEY (organization_id, payout_id),
  UNIQUE (deposit_id),
  FOREIGN KEY (organization_id, deposit_id) REFERENCES bank_deposit (organization_id, id)
);
