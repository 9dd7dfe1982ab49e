-- The renewals view filtered by status (`GET /api/v1/renewals?status=UPCOMING`, the page's status filter) reads
-- one status's renewals of the window, soonest end first: one index range in the page's own order, instead of
-- every renewal of that status (V45's `renewal_by_status` has no end date) sorted for each page.
CREATE INDEX renewal_by_status_end ON renewal (organization_id, status, ends_at, id);
DROP INDEX renewal_by_status;
