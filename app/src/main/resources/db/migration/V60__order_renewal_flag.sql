-- An order accepted from a renewal offer books as a RENEWAL: the offer's flag is copied onto the order when
-- it is made, so the dashboard's bookings read it from the order's own row (and from its acceptance index)
-- instead of looking up each order's offer.
ALTER TABLE customer_order ADD COLUMN renewal boolean NOT NULL DEFAULT false;

DROP INDEX customer_order_by_acceptance;
CREATE INDEX customer_order_by_acceptance ON customer_order (organization_id, accepted_at)
  INCLUDE (kind, renewal, currency, total_contract_value, offer_id);
