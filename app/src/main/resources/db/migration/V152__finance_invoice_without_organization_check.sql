-- A first sync writes a month of invoices in one statement (190,050 at a million billing rows, bench P4), and the
-- foreign key to organization checked each of them: in the 200,000-row P4's recompute (EXPLAIN ANALYZE, load ~40)
-- 1.6 s of 18.6, one trigger call per invoice. Invoices are derived only by the reconciliation of an organization
-- that exists (from its own billing rows, which lost the same check in V80), so the check is dropped as there.
ALTER TABLE finance_invoice DROP CONSTRAINT finance_invoice_organization_id_fkey;
