-- What a reseller's partner offer adds to an offer's terms: the ISV's wholesale prices it was built on (as
-- read from the resale authorization when the offer was made) and the reseller's markup on them.
CREATE TABLE partner_offer_terms (
  offer_id                  uuid PRIMARY KEY REFERENCES offer (id),
  organization_id           uuid NOT NULL REFERENCES organization (id),
  resale_authorization_id   text NOT NULL,
  isv_account_id            text NOT NULL,
  isv_name                  text,
  currency                  text NOT NULL,
  duration                  text,
  markup_percent            numeric(18, 9) NOT NULL,
  wholesale_prices          jsonb NOT NULL
);
CREATE INDEX partner_offer_terms_by_organization ON partner_offer_terms (organization_id, resale_authorization_id);
