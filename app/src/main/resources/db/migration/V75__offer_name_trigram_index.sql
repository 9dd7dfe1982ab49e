-- Search by name (q=) is lower(name) LIKE '%…%': no b-tree serves a match inside the name, so a seller's
-- every offer was read and filtered (bench P3). A trigram index does serve it; with btree_gin the
-- organization is in the same index. Both extensions ship with PostgreSQL (contrib) and are trusted (an
-- owner may create them); on a server without them the search still works, reading the seller's rows.
DO $$
BEGIN
  IF (SELECT count(*) FROM pg_available_extensions WHERE name IN ('pg_trgm', 'btree_gin')) = 2 THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS btree_gin;
    CREATE INDEX offer_by_name_trigram ON offer USING gin (organization_id, lower(name) gin_trgm_ops);
  END IF;
END
$$;
