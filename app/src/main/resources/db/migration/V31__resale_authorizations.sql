-- Resale authorizations an ISV grants a reseller: the terms as OfferDesk holds them (JSON, as the API
-- writes them), the columns the table filters and sorts on, and the link to the marketplace.
CREATE TABLE resale_authorization (
  id                                  uuid PRIMARY KEY,
  organization_id                     uuid NOT NULL REFERENCES organization (id),
  status                              text NOT NULL,
  product_id                          text NOT NULL,
  reseller_account_id                 text NOT NULL,
  name                                text NOT NULL,
  currency                            text NOT NULL,
  availability_ends_on                date,
  terms                               jsonb NOT NULL,
  wholesale_prices                    jsonb,
  marketplace_resale_authorization_id text,
  change_set_id                       text,
  revision                            integer NOT NULL DEFAULT 0,
  version                             integer NOT NULL DEFAULT 0,
  publish_errors                      jsonb NOT NULL DEFAULT '[]',
  cloned_from                         uuid REFERENCES resale_authorization (id),
  created_by                          text NOT NULL,
  created_at                          timestamptz NOT NULL,
  updated_at                          timestamptz NOT NULL
);
CREATE INDEX resale_authorization_by_created ON resale_authorization (organization_id, created_at DESC, id);
CREATE UNIQUE INDEX resale_authorization_by_marketplace_id
  ON resale_authorization (organization_id, marketplace_resale_authorization_id)
  WHERE marketplace_resale_authorization_id IS NOT NULL;

-- What happened to each authorization, in order; a fact with a key is recorded once.
CREATE TABLE resale_authorization_event (
  seq                       bigserial PRIMARY KEY,
  id                        uuid NOT NULL UNIQUE,
  resale_authorization_id   uuid NOT NULL REFERENCES resale_authorization (id),
  organization_id           uuid NOT NULL REFERENCES organization (id),
  occurred_at               timestamptz NOT NULL,
  status                    text NOT NULL,
  cause                     text NOT NULL,
  detail                    text,
  actor                     text NOT NULL,
  dedupe_key                text UNIQUE
);
CREATE INDEX resale_authorization_event_by_authorization
  ON resale_authorization_event (organization_id, resale_authorization_id, occurred_at);
