-- A marketplace account belongs to one organization: two organizations reading one account's event
-- queue would each see half of its events, and each other's orders.
CREATE UNIQUE INDEX marketplace_connection_one_per_account
  ON marketplace_connection (aws_account_id, coalesce(endpoint_override, ''));
