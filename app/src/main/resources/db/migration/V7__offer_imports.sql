-- "Import all": a scan of the seller's marketplace account that associates every offer OfferDesk lacks,
-- with its progress for the person who started it.
CREATE TABLE offer_import (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organization (id),
  status           text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
  total            integer,
  processed        integer NOT NULL DEFAULT 0,
  imported         integer NOT NULL DEFAULT 0,
  already_known    integer NOT NULL DEFAULT 0,
  failed           integer NOT NULL DEFAULT 0,
  errors           text,
  started_by       text NOT NULL,
  started_at       timestamptz NOT NULL,
  finished_at      timestamptz
);
CREATE INDEX offer_import_by_organization ON offer_import (organization_id, started_at DESC);
