-- The sandbox keeps its state in its own schema. Later migrations add accounts, entities and change sets.
CREATE TABLE sandbox_info (
  key   text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO sandbox_info (key, value) VALUES ('created_at', now()::text);
