-- The finance page's forecast reads the orders that have a payment schedule and are not over
-- (OrderStore.withSchedules): without an index that is every order of the seller, each one's terms looked into
-- (bench P4 at a million billing rows: 99,500 orders, none with a schedule). The index holds only the orders the
-- query wants, with its exact condition, in its order.
CREATE INDEX customer_order_with_schedule ON customer_order (organization_id, created_at)
  WHERE jsonb_array_length(terms->'schedule') > 0 AND status NOT IN ('CANCELLED', 'ENDED');
