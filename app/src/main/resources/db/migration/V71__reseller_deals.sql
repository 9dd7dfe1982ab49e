-- A reseller's deal on each of its partner orders: the markup of its offer, what it owes the ISV (wholesale
-- cost), what the buyer pays and the margin it keeps, for the quantities the buyer took. Written once, when
-- the order is made from the agreement.
CREATE TABLE reseller_deal (
  order_id         uuid PRIMARY KEY REFERENCES customer_order (id),
  organization_id  uuid NOT NULL REFERENCES organization (id),
  currency         text NOT NULL,
  markup_percent   numeric(9, 4) NOT NULL,
  wholesale_cost   numeric(18, 3) NOT NULL,
  buyer_price      numeric(18, 3) NOT NULL,
  margin           numeric(18, 3) NOT NULL,
  created_at       timestamptz NOT NULL
);
CREATE INDEX reseller_deal_by_organization ON reseller_deal (organization_id, order_id);
