-- Offers and their timelines, and the metadata fields an admin defines for them.
CREATE TABLE offer (
  id                   uuid PRIMARY KEY,
  organization_id      uuid NOT NULL REFERENCES organization (id),
  type                 text NOT NULL CHECK (type IN ('DIRECT', 'PARTNER', 'AMENDMENT')),
  stage                text NOT NULL,
  product_id           text NOT NULL,
  name                 text NOT NULL,
  buyer_account_ids    text[] NOT NULL,
  currency             text NOT NULL,
  contract_total       numeric(18, 3) NOT NULL,
  expires_on           date,
  terms                jsonb NOT NULL,
  marketplace_offer_id text,
  change_set_id        text,
  revision             integer NOT NULL DEFAULT 0,
  version              integer NOT NULL DEFAULT 0,
  owner                text NOT NULL,
  cloned_from          uuid REFERENCES offer (id),
  reissue_of           uuid REFERENCES offer (id),
  source_agreement_id  text,
  agreement_id         text,
  publish_errors       jsonb NOT NULL DEFAULT '[]',
  view_token           text NOT NULL UNIQUE,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);
CREATE UNIQUE INDEX offer_by_marketplace_id ON offer (organization_id, marketplace_offer_id)
  WHERE marketplace_offer_id IS NOT NULL;
CREATE INDEX offer_by_created ON offer (organization_id, created_at DESC, id DESC);
CREATE INDEX offer_by_stage ON offer (organization_id, stage);
CREATE INDEX offer_by_product ON offer (organization_id, product_id);
CREATE INDEX offer_by_expiry ON offer (organization_id, expires_on);
CREATE INDEX offer_by_owner ON offer (organization_id, owner);
CREATE INDEX offer_by_buyer ON offer USING gin (buyer_account_ids);
CREATE INDEX offer_by_name ON offer (organization_id, lower(name));

-- Every change of stage, with its time and cause. A cause from outside (an event, a poll) carries a
-- key, so the same fact is recorded once however often it arrives.
CREATE TABLE offer_event (
  id               uuid PRIMARY KEY,
  seq              bigserial NOT NULL,
  offer_id         uuid NOT NULL REFERENCES offer (id),
  organization_id  uuid NOT NULL REFERENCES organization (id),
  occurred_at      timestamptz NOT NULL,
  stage            text NOT NULL,
  cause            text NOT NULL,
  detail           text,
  actor            text NOT NULL,
  dedupe_key       text UNIQUE
);
CREATE INDEX offer_event_by_offer ON offer_event (offer_id, occurred_at, seq);

CREATE TABLE offer_metadata_field (
  organization_id  uuid NOT NULL REFERENCES organization (id),
  field_group      text NOT NULL CHECK (field_group IN ('BOOKING', 'REGISTRATION', 'CONTRACT')),
  key              text NOT NULL,
  label            text NOT NULL,
  type             text NOT NULL,
  required         boolean NOT NULL,
  position         integer NOT NULL,
  PRIMARY KEY (organization_id, field_group, key)
);
