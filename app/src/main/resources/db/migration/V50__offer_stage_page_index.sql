-- The offers table filtered by stage, newest first (the list's default order): one index walk to the page,
-- instead of walking the organization's created-date index and discarding the other stages (bench P3).
-- It also serves the per-stage counts, so the plain (organization_id, stage) index goes.
CREATE INDEX offer_by_stage_created ON offer (organization_id, stage, created_at DESC, id DESC);
DROP INDEX offer_by_stage;
