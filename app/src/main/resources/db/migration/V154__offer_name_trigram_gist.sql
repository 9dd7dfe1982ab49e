-- Search by name (q=) at a million offers: V75's GIN index keeps each key's posting list for the whole table,
-- so the organization does not narrow a trigram's list: "northwind" read 245 buffers and took 15-38 ms at
-- 1,000,000 offers of 1,000 sellers, growing with every seller's offers, not the searching seller's. A GiST
-- index with the organization first (btree_gist) descends to the seller's entries before it looks at trigrams:
-- 52 buffers and about 0.3 ms for the same search, as flat at a million offers as at 100,000 (bench/README.md,
-- "P3 search at a million offers"). Like V75, only where the contrib extensions are available; elsewhere the
-- search reads the seller's rows.
DO $$
BEGIN
  IF (SELECT count(*) FROM pg_available_extensions WHERE name IN ('pg_trgm', 'btree_gist')) = 2 THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS btree_gist;
    DROP INDEX IF EXISTS offer_by_name_trigram;
    CREATE INDEX offer_by_name_trigram ON offer USING gist (organization_id, lower(name) gist_trgm_ops);
  END IF;
END
$$;
