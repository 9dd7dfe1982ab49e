-- A first sync links every agreement of the month to its order in one statement (94,550 at a million billing rows,
-- bench P4), and the foreign key to organization checked each link: EXPLAIN ANALYZE of that insert on the full-size
-- P4 database (load ~55): 10.8 s, 6.05 s of it in the check's 94,550 trigger calls. Links are written only by
-- finance, for an organization that exists (the reconciliation of its own billing rows, or a person of it linking by
-- hand), as invoices (V152) and billing rows (V80), whose check went for the same reason.
ALTER TABLE finance_agreement_order DROP CONSTRAINT finance_agreement_order_organization_id_fkey;
