-- An amendment's order names the agreement it replaces, so that the replacement is applied whichever of the two
-- orders is made second: the replaced agreement's Created event may be handled after the amendment's (out of
-- order), and its order is then linked and ended when it is made (OrderIntake). Only amendments have one.
ALTER TABLE customer_order ADD COLUMN replaces_agreement_id text;
CREATE INDEX customer_order_replacing ON customer_order (organization_id, replaces_agreement_id)
  WHERE replaces_agreement_id IS NOT NULL;
