-- The dashboard for one owner ("mine", owner=...) read heap rows where the team's dashboard reads indexes alone
-- (V41): the offers expiring soon were filtered by owner row by row, and each order's owner was found by
-- fetching its offer. These indexes hold what those reads need, so every figure of an owner's dashboard is an
-- index-only range too (EXPLAIN ANALYZE at a million offers in bench/README.md, scenario D).

-- Offers out with the buyer by expiry, with their owner.
DROP INDEX offer_open_by_expiry;
CREATE INDEX offer_open_by_expiry ON offer (organization_id, expires_on) INCLUDE (owner)
  WHERE stage IN ('SENT', 'VIEWED');

-- An owner's offers with their IDs: the orders of an owner are those whose offer is in this range. The plain
-- (organization_id, owner) index of V6 is a prefix of this one and goes.
DROP INDEX offer_pipeline_by_owner;
CREATE INDEX offer_pipeline_by_owner ON offer (organization_id, owner, created_at)
  INCLUDE (stage, currency, contract_total, marketplace_offer_id, id);
DROP INDEX offer_by_owner;

-- Orders waiting for registration or provisioning, with their offer (for the owner's count).
DROP INDEX customer_order_by_status;
CREATE INDEX customer_order_by_status ON customer_order (organization_id, status) INCLUDE (offer_id);
