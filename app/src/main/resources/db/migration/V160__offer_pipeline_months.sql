-- The dashboard's pipeline of a year read one index entry per offer created in it (about 500 for a seller with
-- 1,000 offers, 375 buffers at a million offers), every request. These tables hold the same figures per
-- organization, UTC month of creation, stage and currency, so a month-aligned period (this month, quarter,
-- year) reads a dozen rows a month at most.
--
-- Exact, not refreshed: statement-level triggers on offer write each statement's change as a row of
-- offer_pipeline_change in the statement's own transaction (insert-only: concurrent writers never wait on one
-- another's summary row), and OfferPipelineMonths folds those rows into offer_pipeline_month every few seconds,
-- moving them in one statement. A reader adds both tables in one statement, so it sees the same figures before
-- and after a fold.

CREATE TABLE offer_pipeline_month (
  organization_id      uuid NOT NULL,
  month                date NOT NULL,             -- the first day of the UTC month the offers were created in
  stage                text NOT NULL,
  currency             text NOT NULL,             -- '' for offers whose currency is unknown
  offers               bigint NOT NULL,
  valued               bigint NOT NULL,           -- how many of them state a contract total
  contract_total       numeric NOT NULL,          -- the sum of the stated totals
  cancelled_after_sent bigint NOT NULL,           -- cancelled after they were published (those count as sent)
  PRIMARY KEY (organization_id, month, stage, currency)
);

-- Changes not folded yet: one row per statement and key, signed.
CREATE TABLE offer_pipeline_change (
  organization_id      uuid NOT NULL,
  month                date NOT NULL,
  stage                text NOT NULL,
  currency             text NOT NULL,
  offers               bigint NOT NULL,
  valued               bigint NOT NULL,
  contract_total       numeric NOT NULL,
  cancelled_after_sent bigint NOT NULL
);
CREATE INDEX offer_pipeline_change_by_month ON offer_pipeline_change (organization_id, month);

CREATE FUNCTION offer_pipeline_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO offer_pipeline_change
  SELECT organization_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date, stage, coalesce(currency, ''),
    count(*), count(contract_total), coalesce(sum(contract_total), 0),
    count(*) FILTER (WHERE stage = 'CANCELLED' AND marketplace_offer_id IS NOT NULL)
  FROM new_offers GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

CREATE FUNCTION offer_pipeline_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO offer_pipeline_change
  SELECT organization_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date, stage, coalesce(currency, ''),
    -count(*), -count(contract_total), -coalesce(sum(contract_total), 0),
    -count(*) FILTER (WHERE stage = 'CANCELLED' AND marketplace_offer_id IS NOT NULL)
  FROM old_offers GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

-- Most updates change none of the counted columns: their rows cancel out and nothing is written.
CREATE FUNCTION offer_pipeline_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO offer_pipeline_change
  SELECT organization_id, month, stage, currency, sum(offers), sum(valued), sum(contract_total),
    sum(cancelled_after_sent)
  FROM (
    SELECT organization_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, stage,
      coalesce(currency, '') AS currency, 1 AS offers, CASE WHEN contract_total IS NULL THEN 0 ELSE 1 END AS valued,
      coalesce(contract_total, 0) AS contract_total,
      CASE WHEN stage = 'CANCELLED' AND marketplace_offer_id IS NOT NULL THEN 1 ELSE 0 END AS cancelled_after_sent
    FROM new_offers
    UNION ALL
    SELECT organization_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date, stage, coalesce(currency, ''),
      -1, CASE WHEN contract_total IS NULL THEN 0 ELSE -1 END, -coalesce(contract_total, 0),
      CASE WHEN stage = 'CANCELLED' AND marketplace_offer_id IS NOT NULL THEN -1 ELSE 0 END
    FROM old_offers) moved
  GROUP BY 1, 2, 3, 4
  HAVING sum(offers) <> 0 OR sum(valued) <> 0 OR sum(contract_total) <> 0 OR sum(cancelled_after_sent) <> 0;
  RETURN NULL;
END $$;

CREATE FUNCTION offer_pipeline_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM offer_pipeline_change;
  DELETE FROM offer_pipeline_month;
  RETURN NULL;
END $$;

CREATE TRIGGER offer_pipeline_inserted AFTER INSERT ON offer REFERENCING NEW TABLE AS new_offers
  FOR EACH STATEMENT EXECUTE FUNCTION offer_pipeline_inserted();
CREATE TRIGGER offer_pipeline_updated AFTER UPDATE ON offer REFERENCING OLD TABLE AS old_offers NEW TABLE AS new_offers
  FOR EACH STATEMENT EXECUTE FUNCTION offer_pipeline_updated();
CREATE TRIGGER offer_pipeline_deleted AFTER DELETE ON offer REFERENCING OLD TABLE AS old_offers
  FOR EACH STATEMENT EXECUTE FUNCTION offer_pipeline_deleted();
CREATE TRIGGER offer_pipeline_truncated AFTER TRUNCATE ON offer
  FOR EACH STATEMENT EXECUTE FUNCTION offer_pipeline_truncated();

-- The offers already there.
INSERT INTO offer_pipeline_month
SELECT organization_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date, stage, coalesce(currency, ''),
  count(*), count(contract_total), coalesce(sum(contract_total), 0),
  count(*) FILTER (WHERE stage = 'CANCELLED' AND marketplace_offer_id IS NOT NULL)
FROM offer GROUP BY 1, 2, 3, 4;
