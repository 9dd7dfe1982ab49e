-- An agreement the marketplace reported replaced before any offer of this organization was accepted with it (the
-- amendment's event handled before the Created of the agreement it replaces): the offer accepted with it later
-- becomes REPLACED then (OfferTracking). One row per replaced agreement, written once.
CREATE TABLE offer_agreement_replaced (
  organization_id           uuid NOT NULL REFERENCES organization (id),
  agreement_id              text NOT NULL,
  replaced_by_agreement_id  text NOT NULL,
  cause                     text NOT NULL,
  recorded_at               timestamptz NOT NULL,
  PRIMARY KEY (organization_id, agreement_id)
);
