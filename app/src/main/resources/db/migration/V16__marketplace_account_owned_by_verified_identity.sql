-- A marketplace account belongs to the organization whose credentials the marketplace itself says belong to
-- it (STS GetCallerIdentity), not to whoever typed its number first at a given endpoint spelling
-- ("localhost" and "127.0.0.1" are two strings and one sandbox). The claimed account ID stays a label.
ALTER TABLE marketplace_connection ADD COLUMN verified_account_id text
  CHECK (verified_account_id ~ '^[0-9]{12}$');
ALTER TABLE marketplace_connection ADD COLUMN verified_arn text;
DROP INDEX marketplace_connection_one_per_account;
CREATE UNIQUE INDEX marketplace_connection_one_per_verified_account
  ON marketplace_connection (verified_account_id) WHERE verified_account_id IS NOT NULL;
