-- Identity and tenancy: organizations, their users, API tokens and the audit log.

CREATE TABLE organization (
  id          uuid PRIMARY KEY,
  slug        text NOT NULL UNIQUE,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('SELLER', 'RESELLER')),
  created_at  timestamptz NOT NULL
);

CREATE TABLE app_user (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organization (id),
  email            text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name     text NOT NULL,
  role             text NOT NULL,
  password_hash    text NOT NULL,
  active           boolean NOT NULL DEFAULT true,
  failed_sign_ins  integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  created_at       timestamptz NOT NULL,
  version          integer NOT NULL DEFAULT 0
);
CREATE INDEX app_user_by_organization ON app_user (organization_id, created_at, id);

CREATE TABLE api_token (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organization (id),
  name             text NOT NULL,
  role             text NOT NULL,
  secret_hash      text NOT NULL UNIQUE,
  secret_prefix    text NOT NULL,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  expires_at       timestamptz,
  revoked_at       timestamptz,
  last_used_at     timestamptz
);
CREATE INDEX api_token_by_organization ON api_token (organization_id, created_at, id);

CREATE TABLE audit_event (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organization (id),
  occurred_at      timestamptz NOT NULL,
  actor            text NOT NULL,
  action           text NOT NULL,
  target           text,
  detail           text
);
CREATE INDEX audit_event_by_organization ON audit_event (organization_id, occurred_at DESC, id DESC);

-- Responses to POST requests that carried an Idempotency-Key, so a retry gets the first answer.
CREATE TABLE idempotent_request (
  scope          text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash   text NOT NULL,
  completed      boolean NOT NULL DEFAULT false,
  replayable     boolean NOT NULL DEFAULT true,
  status         integer,
  content_type   text,
  location       text,
  body           bytea,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotent_request_by_age ON idempotent_request (created_at);
