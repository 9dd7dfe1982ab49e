-- The finance tables at a million billing rows a month (bench P4: about 190,000 invoices and payouts of
-- 40,000 lines each), EXPLAINed filter by filter:
-- * a status or variant filter walked the date index and dropped the other rows (a status of one invoice in ten
--   read ten rows per row shown; a variant no invoice has read the whole table, 66 ms): each now has its index
--   in the table's order, so a filtered page is one index range. The status index keeps serving the overdue
--   lookups (its first two columns are the old one's).
-- * a search by payout ID (invoice_id = :q OR agreement_id = :q OR payout_id = :q) had no index for its last
--   branch, so any search read every invoice (225 ms); with it each branch is an index probe.
-- * a payout's lines are read a page at a time in their order (invoice, type, billing row), which the
--   payout index now holds, so a page of a 40,000-line payout is an index range, not the whole payout sorted.
DROP INDEX finance_invoice_by_status;
CREATE INDEX finance_invoice_by_status ON finance_invoice (organization_id, status, invoiced_on DESC, invoice_id DESC);
CREATE INDEX finance_invoice_by_variant ON finance_invoice (organization_id, variant, invoiced_on DESC, invoice_id DESC);
CREATE INDEX finance_invoice_by_payout ON finance_invoice (organization_id, payout_id) WHERE payout_id IS NOT NULL;
DROP INDEX finance_billing_event_by_payout;
CREATE INDEX finance_billing_event_by_payout ON finance_billing_event (organization_id, disbursement_billing_event_id,
  (invoice_id IS NULL), invoice_id, transaction_type, billing_event_id) WHERE disbursement_billing_event_id IS NOT NULL;
