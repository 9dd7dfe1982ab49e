-- Temporary credentials that STS AssumeRole hands out: they sign calls as the role's account until they
-- expire (wall-clock time, not the sandbox's movable clock).
CREATE TABLE temporary_credential (
  access_key_id      text PRIMARY KEY,
  secret_access_key  text        NOT NULL,
  session_token      text        NOT NULL,
  account_id         char(12)    NOT NULL REFERENCES account (account_id),
  role_name          text        NOT NULL,
  session_name       text        NOT NULL,
  expires_at         timestamptz NOT NULL
);
CREATE INDEX temporary_credential_by_expiry ON temporary_credential (expires_at);
