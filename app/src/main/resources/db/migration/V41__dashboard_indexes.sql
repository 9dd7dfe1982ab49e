-- The home dashboard aggregates one organization's offers and orders of a period in SQL. These indexes
-- hold every column those queries read, so each is an index-only range scan however many offers exist.

-- The pipeline: offers created in the period, by stage and currency, for the whole team or one owner.
CREATE INDEX offer_pipeline ON offer (organization_id, created_at)
  INCLUDE (stage, currency, contract_total, marketplace_offer_id);
CREATE INDEX offer_pipeline_by_owner ON offer (organization_id, owner, created_at)
  INCLUDE (stage, currency, contract_total, marketplace_offer_id);
-- Needs attention: offers out with the buyer that expire soon.
CREATE INDEX offer_open_by_expiry ON offer (organization_id, expires_on)
  WHERE stage IN ('SENT', 'VIEWED');

-- Bookings: orders accepted in the period, by month, kind and currency.
CREATE INDEX customer_order_by_acceptance ON customer_order (organization_id, accepted_at)
  INCLUDE (kind, currency, total_contract_value, offer_id);
-- Renewals due: running orders whose agreement ends soon.
CREATE INDEX customer_order_active_by_end ON customer_order (organization_id, ends_at)
  INCLUDE (currency, total_contract_value, offer_id)
  WHERE status NOT IN ('CANCELLED', 'ENDED');
