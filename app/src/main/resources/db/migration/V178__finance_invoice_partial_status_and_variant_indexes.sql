-- A month's first reconciliation inserts every invoice of the month at once (190,050 for the bench P4 month of
-- 1,021,708 billing rows), and each insert maintains every index of finance_invoice row by row: about 1.1 s of
-- server CPU an index at that size, most of the invoice statement (bench/README.md, branches p4x and p4y).
-- Two of them index values a filter rarely needs them for: most invoices are DISBURSED (80% of the bench's month,
-- more as months age) and PURCHASE, and a filter on a value that is most of the table reads it as well along
-- finance_invoice_by_date (the table's newest-first order) and keeps most rows it reads. These two now index only
-- the other values, which are the filters that need them (a rare status or variant would otherwise read every
-- invoice of the organization along the date index). The invoices table's query names the excluded value
-- (LedgerQueries.invoices: "status <> 'DISBURSED'", "variant <> 'PURCHASE'") so that its generic plan, whose
-- filter value is a parameter, can still use them.
DROP INDEX finance_invoice_by_status;
CREATE INDEX finance_invoice_by_status ON finance_invoice (organization_id, status, invoiced_on DESC, invoice_id DESC)
  WHERE status <> 'DISBURSED';
DROP INDEX finance_invoice_by_variant;
CREATE INDEX finance_invoice_by_variant ON finance_invoice (organization_id, variant, invoiced_on DESC, invoice_id DESC)
  WHERE variant <> 'PURCHASE';
