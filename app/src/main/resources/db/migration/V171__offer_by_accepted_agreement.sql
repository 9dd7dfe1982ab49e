-- The offer accepted with an agreement (OfferStore.findByAgreement): an amendment's event marks the offer behind the
-- agreement it replaces REPLACED, and an association by agreement finds the offer it made. Without an index each
-- look-up read every offer of the organization (bench P2 --quick: 16-29 ms a call, about a quarter of PostgreSQL's
-- CPU in a round where one agreement in ten is replaced). Partial: only accepted offers have an agreement.
CREATE INDEX offer_by_accepted_agreement ON offer (organization_id, agreement_id) WHERE agreement_id IS NOT NULL;
