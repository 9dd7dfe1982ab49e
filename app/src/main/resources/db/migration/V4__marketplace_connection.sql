-- Each organization's connection to its marketplace account. The secret access key is stored encrypted
-- (AES-GCM, key from OFFERDESK_SECRET_KEY or the data folder) and never returned.
CREATE TABLE marketplace_connection (
  organization_id        uuid PRIMARY KEY REFERENCES organization (id),
  aws_account_id         text NOT NULL CHECK (aws_account_id ~ '^[0-9]{12}$'),
  region                 text NOT NULL,
  credentials_type       text NOT NULL CHECK (credentials_type IN ('ACCESS_KEY', 'ASSUME_ROLE')),
  access_key_id          text,
  secret_access_key      text,
  role_arn               text,
  external_id            text,
  endpoint_override      text,
  embedded_sandbox       boolean NOT NULL DEFAULT false,
  version                integer NOT NULL DEFAULT 0,
  updated_at             timestamptz NOT NULL,
  updated_by             text NOT NULL,
  last_test_at           timestamptz,
  last_test_ok           boolean,
  last_test_message      text
);
