-- A reseller's opportunities: the resale authorizations manufacturers shared with its marketplace
-- account, as last read from the marketplace (the offer form reads the live one again before it writes).
CREATE TABLE opportunity (
  organization_id           uuid NOT NULL REFERENCES organization (id),
  resale_authorization_id   text NOT NULL,
  name                      text NOT NULL,
  description               text,
  product_id                text NOT NULL,
  product_name              text,
  isv_account_id            text NOT NULL,
  isv_name                  text,
  status                    text NOT NULL,
  pricing_model             text,
  currency                  text,
  duration                  text,
  wholesale_prices          jsonb NOT NULL DEFAULT '[]',
  buyer_account_ids         text[] NOT NULL,
  availability_end_date     date,
  offers_max_quantity       integer,
  offers_created            integer NOT NULL DEFAULT 0,
  received_at               timestamptz NOT NULL,
  synced_at                 timestamptz NOT NULL,
  PRIMARY KEY (organization_id, resale_authorization_id)
);
CREATE INDEX opportunity_by_received ON opportunity (organization_id, received_at DESC, resale_authorization_id);
CREATE INDEX opportunity_by_isv ON opportunity (organization_id, isv_account_id);
CREATE INDEX opportunity_by_product ON opportunity (organization_id, product_id);
