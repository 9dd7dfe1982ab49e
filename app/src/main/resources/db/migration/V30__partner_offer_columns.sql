-- Partner (CPPO) offers: the resale authorization they are built on and the reseller who made them.
ALTER TABLE offer ADD COLUMN marketplace_resale_authorization_id text;
ALTER TABLE offer ADD COLUMN reseller_account_id text;
CREATE INDEX offer_by_resale_authorization ON offer (organization_id, marketplace_resale_authorization_id)
  WHERE marketplace_resale_authorization_id IS NOT NULL;
