-- AWS accounts known to the sandbox. Sellers and resellers sign API calls with their access keys.
CREATE TABLE account (
  account_id        char(12) PRIMARY KEY,
  name              text        NOT NULL,
  kind              text        NOT NULL CHECK (kind IN ('SELLER', 'RESELLER', 'BUYER')),
  access_key_id     text UNIQUE,
  secret_access_key text,
  created_at        timestamptz NOT NULL
);

-- Catalog entities (SaaS products, offers, resale authorizations). The document is the entity's own
-- state as the sandbox's domain classes write it; DescribeEntity renders AWS's DetailsDocument from it.
CREATE TABLE entity (
  entity_id              text PRIMARY KEY,
  entity_type            text        NOT NULL,
  owner_account_id       char(12)    NOT NULL REFERENCES account (account_id),
  -- who else may see the entity: the reseller of a released resale authorization, the manufacturer of
  -- a channel partner offer
  shared_with_account_id char(12),
  revision               integer     NOT NULL,
  last_modified          timestamptz NOT NULL,
  document               jsonb       NOT NULL
);
CREATE INDEX entity_by_owner ON entity (owner_account_id, entity_type);
CREATE INDEX entity_by_shared ON entity (shared_with_account_id, entity_type);

-- Change sets are processed asynchronously by a worker that polls for rows whose due_at has come, so
-- a restart resumes every change set still PREPARING or APPLYING.
CREATE TABLE change_set (
  change_set_id        text PRIMARY KEY,
  account_id           char(12)    NOT NULL REFERENCES account (account_id),
  name                 text        NOT NULL,
  intent               text        NOT NULL,
  status               text        NOT NULL,
  client_request_token text,
  request_hash         text        NOT NULL,
  start_time           timestamptz NOT NULL,
  end_time             timestamptz,
  due_at               timestamptz,
  failure_code         text,
  failure_description  text,
  changes              jsonb       NOT NULL,
  entity_ids           text[]      NOT NULL,
  UNIQUE (account_id, client_request_token)
);
CREATE INDEX change_set_due ON change_set (due_at) WHERE status IN ('PREPARING', 'APPLYING');
CREATE INDEX change_set_by_account ON change_set (account_id, start_time);

-- An entity touched by a running change set is locked until that change set ends.
CREATE TABLE entity_lock (
  entity_id     text PRIMARY KEY,
  change_set_id text NOT NULL REFERENCES change_set (change_set_id)
);

CREATE TABLE resource_tag (
  resource_arn text NOT NULL,
  tag_key      text NOT NULL,
  tag_value    text NOT NULL,
  PRIMARY KEY (resource_arn, tag_key)
);
