-- A channel partner's ledger holds both sides of a deal: the buyer's invoice it sells on (SELLING) and the
-- manufacturer's wholesale invoice it pays (BUYING, its cost of goods). A CPPO invoice names the resale
-- authorization it was sold under (the offer feed's opportunity_id).
ALTER TABLE finance_invoice ADD COLUMN side text NOT NULL DEFAULT 'SELLING' CHECK (side IN ('SELLING', 'BUYING'));
ALTER TABLE finance_invoice ADD COLUMN resale_authorization_id text;
CREATE INDEX finance_invoice_by_resale_authorization ON finance_invoice (organization_id, resale_authorization_id)
  WHERE resale_authorization_id IS NOT NULL;
