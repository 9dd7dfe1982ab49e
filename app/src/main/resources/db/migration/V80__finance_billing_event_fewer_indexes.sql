-- Every billing row read from the feeds (a million a month for a large seller) updated six indexes and ran a
-- foreign-key check. Measured on 50,000 rows in batches of 5,000 (the sync's upsert), these cost about 40% of
-- the writes. Two indexes served no query (nothing looks billing rows up by agreement or by the sync that read
-- them: the ledger reads all of an organization's rows at once), and two indexed mostly nulls (only refunds and
-- failures have a parent, only disbursed lines a payout): those now index only the rows that have a value,
-- which is all their lookups ask for. The rows are a copy of the marketplace's feed written only by the sync of
-- an existing organization, so the per-row check that the organization exists is dropped too.
DROP INDEX finance_billing_event_by_agreement;
DROP INDEX finance_billing_event_by_sync;
DROP INDEX finance_billing_event_by_parent;
CREATE INDEX finance_billing_event_by_parent ON finance_billing_event (organization_id, parent_billing_event_id)
  WHERE parent_billing_event_id IS NOT NULL;
DROP INDEX finance_billing_event_by_payout;
CREATE INDEX finance_billing_event_by_payout ON finance_billing_event (organization_id, disbursement_billing_event_id)
  WHERE disbursement_billing_event_id IS NOT NULL;
ALTER TABLE finance_billing_event DROP CONSTRAINT finance_billing_event_organization_id_fkey;
